"""Meeting pages (R-MTG-1…3): who may open which, recording through the register grid,
bad input shown with nothing saved, scoping (out of scope: 404; dropdowns scoped), and
constant query counts."""

from datetime import date

import pytest
from django.urls import reverse

from meetings.choices import AttendanceStatus
from meetings.models import Meeting
from tests.factories import AccountManagerFactory

from .helpers import MON_12_OCT, meeting_type, record

PAGES = [
    "meeting-list",
    "meeting-today",
    "meeting-create",
    "leave-request-list",
    "leave-request-create",
    "attendance-rates",
    "minutes-check",
]
SUPERVISORS = {"unit_head", "credit_officer", "hr", "compliance"}
ACCESS = {
    # page: roles that open it (administrators open every page)
    "meeting-list": SUPERVISORS | {"account_manager"},
    "meeting-today": SUPERVISORS,
    "meeting-create": {"unit_head", "credit_officer"},
    "leave-request-list": {"unit_head", "credit_officer", "account_manager"},
    "leave-request-create": {"unit_head", "credit_officer", "account_manager"},
    "attendance-rates": SUPERVISORS,
    "minutes-check": SUPERVISORS,
}


@pytest.mark.parametrize("url_name", PAGES)
def test_page_access_by_role(client, bank, url_name):
    for name, user in bank.users().items():
        if name == "integration":
            continue
        client.force_login(user)
        allowed = name == "admin" or user.role in ACCESS[url_name]
        status = client.get(reverse(url_name)).status_code
        assert status == (200 if allowed else 403), (url_name, name, status)


def grid_post(meeting_rows, **overrides):
    """The create form's POST: meeting fields and the register grid."""
    data = {
        "starts_at": "07:50",
        "ends_at": "08:25",
        "place": "信贷工作区",
        "study": "学习十严禁",
        "reports": "汇报",
        "priorities": "催收",
        "minutes": "纪要",
        "register-TOTAL_FORMS": len(meeting_rows),
        "register-INITIAL_FORMS": len(meeting_rows),
    }
    for index, (key, signed, left) in enumerate(meeting_rows):
        data |= {
            f"register-{index}-member": key,
            f"register-{index}-signed_in": signed,
            f"register-{index}-left_at": left,
        }
    return data | overrides


def create_url(bank, day=MON_12_OCT, unit=None):
    unit = unit or bank.sub_a
    morning = meeting_type("morning").pk
    return f"{reverse('meeting-create')}?unit={unit.pk}&meeting_type={morning}&date={day}"


def test_recording_through_the_register_grid(client, bank):
    client.force_login(bank.officer_a)
    page = client.get(create_url(bank))
    grid = page.context["rows"]
    assert [row["name"] for row in grid] == ["甲经理", bank.officer_a.get_full_name()]
    assert page.context["form"]["starts_at"].value().strftime("%H:%M") == "07:50"
    assert list(page.context["form"].fields["host"].queryset) == [bank.head_a, bank.officer_a]
    assert list(page.context["setup"].fields["unit"].queryset) == [bank.sub_a, bank.outlet_a1]
    keys = [row["form"]["member"].value() for row in grid]
    data = grid_post([(keys[0], "07:58", ""), (keys[1], "07:40", "")], host=bank.head_a.pk)
    response = client.post(create_url(bank), data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "meeting-detail", args=[meeting.pk]
    )
    late = meeting.attendance.get(manager=bank.am_a)
    assert (late.status, late.minutes_late) == (AttendanceStatus.LATE, 8)
    body = client.get(response["Location"]).content.decode()
    assert "甲经理" in body and "迟到" in body


def test_bad_input_on_the_page_is_shown_and_nothing_saved(client, bank):
    client.force_login(bank.head_a)
    data = grid_post([(f"m{bank.am_b.pk}", "07:45", "")], host=bank.head_a.pk, ends_at="07:30")
    response = client.post(create_url(bank), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "ends_at" in form.errors
    assert any("不是本次会议的应到人员" in str(error) for error in form.non_field_errors())
    assert "结束" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_unit_outside_the_scope_cannot_be_chosen(client, bank):
    client.force_login(bank.head_a)
    response = client.get(create_url(bank, unit=bank.sub_b))
    assert response.status_code == 200 and "unit" in response.context["setup"].errors
    assert "form" not in response.context


def test_out_of_scope_meetings_are_404(client, bank):
    meeting = record(bank.head_a, bank.sub_a, MON_12_OCT)
    client.force_login(bank.head_b)
    for name in ("meeting-detail", "meeting-edit"):
        assert client.get(reverse(name, args=[meeting.pk])).status_code == 404
    client.force_login(bank.compliance)
    assert client.get(reverse("minutes-score", args=[meeting.pk])).status_code == 200
    client.force_login(bank.head_b)
    list_body = client.get(reverse("meeting-list")).content.decode()
    assert f'data-testid="meeting-{meeting.pk}"' not in list_body


def test_an_account_manager_sees_their_units_meetings_and_only_their_own_row(client, bank):
    meeting = record(bank.head_a, bank.sub_a, MON_12_OCT, signed={bank.officer_a: (7, 40)})
    client.force_login(bank.am_a_user)
    register = client.get(reverse("meeting-detail", args=[meeting.pk])).context["register"]
    assert [row.manager for row in register] == [bank.am_a]


def test_correcting_the_register_on_the_page(client, bank):
    meeting = record(bank.head_a, bank.sub_a, MON_12_OCT)
    client.force_login(bank.officer_a)
    page = client.get(reverse("meeting-edit", args=[meeting.pk]))
    keys = [row["form"]["member"].value() for row in page.context["rows"]]
    data = grid_post([(keys[0], "07:45", "08:00"), (keys[1], "07:40", "")], host=bank.head_a.pk)
    response = client.post(reverse("meeting-edit", args=[meeting.pk]), data)
    assert response.status_code == 302
    row = meeting.attendance.get(manager=bank.am_a)
    assert row.status == AttendanceStatus.LEFT_EARLY


def many_meetings(bank, count, first=0):
    for day in range(first, first + count):
        AccountManagerFactory(unit=bank.sub_a)
        record(bank.head_a, bank.sub_a, date(2026, 10, 12 + day), signed={bank.am_a: (7, 55)})
        record(bank.head_a, bank.outlet_a1, date(2026, 10, 12 + day))


@pytest.mark.parametrize(
    "url",
    [
        reverse("meeting-list"),
        reverse("meeting-today"),
        reverse("attendance-rates") + "?date_from=2026-10-01&date_to=2026-10-31",
        reverse("attendance-rates"),
        reverse("minutes-check") + "?year=2026&quarter=4",
        reverse("leave-request-list"),
    ],
)
def test_page_query_counts_are_constant(client, bank, url, django_assert_max_num_queries):
    client.force_login(bank.head_a)
    many_meetings(bank, 1)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    many_meetings(bank, 4, first=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_detail_and_form_query_counts_are_constant(client, bank, django_assert_max_num_queries):
    client.force_login(bank.officer_a)
    small = record(bank.head_a, bank.sub_a, date(2026, 10, 12))
    AccountManagerFactory.create_batch(8, unit=bank.sub_a)
    big = record(bank.head_a, bank.sub_a, date(2026, 10, 13))
    for name in ("meeting-detail", "meeting-edit"):
        with django_assert_max_num_queries(25) as few:
            client.get(reverse(name, args=[small.pk]))
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(reverse(name, args=[big.pk]))


def test_the_record_form_costs_the_same_for_a_small_and_a_big_unit(
    client, bank, django_assert_max_num_queries
):
    client.force_login(bank.head_a)
    with django_assert_max_num_queries(20) as few:
        assert len(client.get(create_url(bank)).context["rows"]) == 2
    AccountManagerFactory.create_batch(12, unit=bank.sub_a)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(create_url(bank)).context["rows"]) == 14


def test_the_today_page_offers_to_record_a_missing_meeting(client, bank):
    client.force_login(bank.officer_a)
    body = client.get(reverse("meeting-today")).content.decode()
    board = client.get(reverse("meeting-today")).context["board"]
    assert {row.unit for row in board.rows} == {bank.sub_a, bank.outlet_a1}
    if board.working_day:
        assert f'data-testid="record-{bank.outlet_a1.pk}"' in body
    client.force_login(bank.hr)
    assert 'data-testid="record-' not in client.get(reverse("meeting-today")).content.decode()
