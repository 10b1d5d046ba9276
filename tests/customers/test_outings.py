"""R-VIS-2 outings: registered before leaving, closed with "I'm back", flagged overdue when
not closed by the return time (17:00, configurable) of the day they started or by their
expected return; scoped like the account managers who registered them."""

from datetime import date, time, timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from customers import visit_services
from customers.models import Outing, OutingPolicy
from customers.visit_selectors import outing_deadline, outings_for
from tests.customers.helpers import at, hold
from tests.factories import AccountManagerFactory, CustomerFactory, UserFactory

OUTINGS = "/api/v1/outings/"


@pytest.fixture
def held(bank):
    """One customer held by the account manager of sub-branch A, one by B's."""
    return SimpleNamespace(
        a=hold(CustomerFactory(name="东城制造", unit=bank.sub_a), bank.am_a, bank.head_a),
        b=hold(CustomerFactory(name="西城贸易", unit=bank.sub_b), bank.am_b, bank.head_b),
    )


def register(user, *, left_at, expected_return_at, destination="客户现场", customer=None):
    return visit_services.outing_register(
        actor=user,
        destination=destination,
        purpose="走访客户",
        left_at=left_at,
        expected_return_at=expected_return_at,
        customer=customer,
    )


def login(client, user):
    client.force_login(user)
    return client


def overdue_as_of(user, outing, now) -> bool:
    return outings_for(user, now=now).get(pk=outing.pk).is_overdue


# --- registering and closing through the pages ---------------------------------------------


def test_account_manager_registers_an_outing_and_comes_back(client, bank, held):
    login(client, bank.am_a_user)
    form = client.get(reverse("outing-create")).context["form"]
    assert list(form.fields["customer"].queryset) == [held.a]  # only their own customers
    leaving = timezone.now()
    response = client.post(
        reverse("outing-create"),
        {
            "destination": "东城工业园",
            "customer": held.a.pk,
            "purpose": "续贷材料收集",
            "expected_return_at": (timezone.localtime() + timedelta(hours=2)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("outing-list")
    outing = Outing.objects.get()
    assert (outing.manager, outing.customer, outing.returned_at) == (bank.am_a, held.a, None)
    assert abs(outing.left_at - leaving) < timedelta(seconds=30)  # left_at defaults to now
    assert outing.history.get().history_user == bank.am_a_user

    page = client.get(reverse("outing-list"))
    assert [o.pk for o in page.context["my_open"]] == [outing.pk]
    assert f'data-testid="im-back-{outing.pk}"' in page.content.decode()

    response = client.post(reverse("outing-return", args=[outing.pk]))
    assert response.status_code == 302
    outing.refresh_from_db()
    assert outing.returned_at is not None
    assert outing.history.latest().history_user == bank.am_a_user
    assert client.get(reverse("outing-list")).context["my_open"] == []


def test_expected_return_before_leaving_is_a_field_error(client, bank, held):
    login(client, bank.am_a_user)
    response = client.post(
        reverse("outing-create"),
        {
            "destination": "东城工业园",
            "purpose": "走访",
            "left_at": "2026-03-02T10:00",
            "expected_return_at": "2026-03-02T09:30",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["expected_return_at"]
    assert not Outing.objects.exists()


def test_outing_for_a_customer_of_another_sub_branch_is_refused(client, bank, held):
    login(client, bank.am_a_user)
    response = client.post(
        reverse("outing-create"),
        {
            "destination": "城西",
            "customer": held.b.pk,
            "purpose": "走访",
            "expected_return_at": "2099-01-01T10:00",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["customer"]
    assert not Outing.objects.exists()


@pytest.mark.parametrize("user_attr", ["head_a", "hr", "admin"])
def test_only_account_managers_register_outings(client, bank, user_attr):
    login(client, getattr(bank, user_attr))
    assert client.get(reverse("outing-create")).status_code == 403
    assert client.get(reverse("outing-list")).status_code == 200


def test_credit_officer_does_not_see_outings(client, bank):
    login(client, bank.officer_a)
    assert client.get(reverse("outing-list")).status_code == 403


def test_closing_is_a_post_by_the_owner_only(client, bank):
    day = timezone.localdate() - timedelta(days=1)
    outing = register(bank.am_a_user, left_at=at(day, 9), expected_return_at=at(day, 11))
    url = reverse("outing-return", args=[outing.pk])
    assert login(client, bank.am_a_user).get(url).status_code == 405
    assert login(client, bank.am_b_user).post(url).status_code == 404  # not in B's scope
    assert login(client, bank.head_a).post(url).status_code == 403  # heads read, not close
    outing.refresh_from_db()
    assert outing.returned_at is None


def test_closing_twice_keeps_the_first_return(client, bank):
    day = timezone.localdate() - timedelta(days=1)
    outing = register(bank.am_a_user, left_at=at(day, 9), expected_return_at=at(day, 11))
    visit_services.outing_return(actor=bank.am_a_user, outing=outing, returned_at=at(day, 10))
    login(client, bank.am_a_user).post(reverse("outing-return", args=[outing.pk]))
    outing.refresh_from_db()
    assert outing.returned_at == at(day, 10)


# --- overdue (computed, at the boundaries) ---------------------------------------------------

DAY = date(2026, 3, 2)


def test_open_outing_is_overdue_after_the_return_time_of_its_day(bank):
    outing = register(bank.am_a_user, left_at=at(DAY, 9), expected_return_at=at(DAY, 18))
    assert outing_deadline(outing, time(17, 0)) == at(DAY, 17)
    assert overdue_as_of(bank.head_a, outing, at(DAY, 16, 59)) is False
    assert overdue_as_of(bank.head_a, outing, at(DAY, 17, 0)) is False
    assert overdue_as_of(bank.head_a, outing, at(DAY, 17, 1)) is True
    # Still open the next morning: overdue although that day's 17:00 has not come.
    assert overdue_as_of(bank.head_a, outing, at(DAY + timedelta(days=1), 8)) is True


def test_open_outing_is_overdue_after_its_expected_return(bank):
    outing = register(bank.am_a_user, left_at=at(DAY, 9), expected_return_at=at(DAY, 11))
    assert outing_deadline(outing, time(17, 0)) == at(DAY, 11)
    assert overdue_as_of(bank.head_a, outing, at(DAY, 10, 59)) is False
    assert overdue_as_of(bank.head_a, outing, at(DAY, 11, 1)) is True


@pytest.mark.parametrize(("back", "late"), [(time(16, 59), False), (time(17, 1), True)])
def test_returned_outing_is_flagged_when_it_came_back_late(bank, back, late):
    outing = register(bank.am_a_user, left_at=at(DAY, 9), expected_return_at=at(DAY, 18))
    back_at = at(DAY, back.hour, back.minute)
    visit_services.outing_return(actor=bank.am_a_user, outing=outing, returned_at=back_at)
    assert overdue_as_of(bank.head_a, outing, at(DAY + timedelta(days=5), 12)) is late


def test_returned_next_day_is_late_even_before_its_expected_return(bank):
    next_day = DAY + timedelta(days=1)
    outing = register(bank.am_a_user, left_at=at(DAY, 9), expected_return_at=at(next_day, 10))
    visit_services.outing_return(actor=bank.am_a_user, outing=outing, returned_at=at(next_day, 9))
    assert overdue_as_of(bank.head_a, outing, at(next_day, 12)) is True


@pytest.mark.parametrize(("back", "late"), [(time(16, 59), False), (time(17, 1), True)])
def test_days_are_counted_in_shanghai_time(bank, back, late):
    # 00:30 in Shanghai is 16:30 UTC the day before: the return time is that of 3 March.
    day = DAY + timedelta(days=1)
    outing = register(bank.am_a_user, left_at=at(day, 0, 30), expected_return_at=at(day, 23))
    assert overdue_as_of(bank.head_a, outing, at(day, back.hour, back.minute)) is late
    returned_at = at(day, back.hour, back.minute)
    visit_services.outing_return(actor=bank.am_a_user, outing=outing, returned_at=returned_at)
    assert overdue_as_of(bank.head_a, outing, at(day + timedelta(days=3), 9)) is late


def test_return_time_is_configurable(bank):
    policy = OutingPolicy.current()
    policy.return_by = time(18, 0)
    policy.save()
    outing = register(bank.am_a_user, left_at=at(DAY, 9), expected_return_at=at(DAY, 19))
    assert overdue_as_of(bank.head_a, outing, at(DAY, 17, 30)) is False
    assert overdue_as_of(bank.head_a, outing, at(DAY, 18, 1)) is True


# --- heads see their subtree, flagged --------------------------------------------------------


@pytest.fixture
def three_days_ago(bank):
    """On time, still out (overdue) and back late, all three days ago, in sub-branch A;
    plus one on time in sub-branch B."""
    day = timezone.localdate() - timedelta(days=3)
    on_time = register(
        bank.am_a_user, left_at=at(day, 9), expected_return_at=at(day, 11), destination="准时"
    )
    visit_services.outing_return(actor=bank.am_a_user, outing=on_time, returned_at=at(day, 10))
    still_out = register(
        bank.am_a_user, left_at=at(day, 13), expected_return_at=at(day, 15), destination="未归"
    )
    late = register(
        bank.am_a_user, left_at=at(day, 14), expected_return_at=at(day, 16), destination="晚归"
    )
    visit_services.outing_return(actor=bank.am_a_user, outing=late, returned_at=at(day, 17, 30))
    sibling = register(
        bank.am_b_user, left_at=at(day, 9), expected_return_at=at(day, 11), destination="城西"
    )
    visit_services.outing_return(actor=bank.am_b_user, outing=sibling, returned_at=at(day, 10))
    return SimpleNamespace(on_time=on_time, still_out=still_out, late=late, sibling=sibling)


def destinations(page) -> set[str]:
    return {outing.destination for outing in page}


def test_head_sees_own_subtree_with_overdue_flagged(client, bank, three_days_ago):
    response = login(client, bank.head_a).get(reverse("outing-list"))
    page = response.context["page"]
    assert destinations(page) == {"准时", "未归", "晚归"}
    assert {o.destination for o in page if o.is_overdue} == {"未归", "晚归"}
    assert response.context["overdue_out"] == 1
    body = response.content.decode()
    assert 'data-testid="overdue-alert"' in body
    assert f'data-testid="outing-{three_days_ago.still_out.pk}" class="table-danger"' in body
    assert destinations(login(client, bank.head_b).get(reverse("outing-list")).context["page"]) == {
        "城西"
    }
    assert "overdue_out" not in login(client, bank.am_a_user).get(reverse("outing-list")).context


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("open", {"未归"}),
        ("returned", {"准时", "晚归"}),
        ("overdue", {"未归", "晚归"}),
        ("", {"准时", "未归", "晚归"}),
    ],
)
def test_status_filter_on_page_and_api(
    client, bank, three_days_ago, api_client_for, status, expected
):
    page = login(client, bank.head_a).get(reverse("outing-list"), {"status": status})
    assert destinations(page.context["page"]) == expected
    rows = api_client_for(bank.head_a).get(OUTINGS, {"status": status}).json()["results"]
    assert {row["destination"] for row in rows} == expected


def test_filters_by_manager_and_date(bank, three_days_ago, api_client_for):
    client = api_client_for(bank.hr)
    rows = client.get(OUTINGS, {"manager": bank.am_b.pk}).json()["results"]
    assert [row["destination"] for row in rows] == ["城西"]
    day = timezone.localdate() - timedelta(days=3)
    assert client.get(OUTINGS, {"date_from": day.isoformat()}).json()["count"] == 4
    assert client.get(OUTINGS, {"date_to": (day - timedelta(1)).isoformat()}).json()["count"] == 0
    assert client.get(OUTINGS, {"unit": bank.sub_b.pk}).json()["count"] == 1


def test_filter_by_a_manager_outside_scope_is_400(bank, three_days_ago, api_client_for):
    response = api_client_for(bank.head_a).get(OUTINGS, {"manager": bank.am_b.pk})
    assert response.status_code == 400 and "manager" in response.json()
    assert "西城" not in response.content.decode()


# --- API -----------------------------------------------------------------------------------


def test_api_registers_for_the_requesting_manager_whatever_the_payload(bank, held, api_client_for):
    payload = {
        "destination": "东城工业园",
        "purpose": "贷后检查",
        "customer": held.a.pk,
        "expected_return_at": (timezone.now() + timedelta(hours=3)).isoformat(),
        "manager": bank.am_b.pk,
    }
    response = api_client_for(bank.am_a_user).post(OUTINGS, payload)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["manager"] == bank.am_a.pk and body["customer_name"] == "东城制造"
    assert body["returned_at"] is None and "is_overdue" in body
    assert Outing.objects.get().manager == bank.am_a


def test_api_return_action(bank, api_client_for):
    day = timezone.localdate() - timedelta(days=1)
    outing = register(bank.am_a_user, left_at=at(day, 9), expected_return_at=at(day, 11))
    url = f"{OUTINGS}{outing.pk}/return/"
    assert api_client_for(bank.am_b_user).post(url).status_code == 404
    refused = api_client_for(bank.head_a).post(url)
    assert refused.status_code == 403 and refused.json()["detail"]
    closed = api_client_for(bank.am_a_user).post(url)
    assert closed.status_code == 200, closed.content
    assert closed.json()["returned_at"] and closed.json()["is_overdue"] is True  # a day late
    again = api_client_for(bank.am_a_user).post(url)
    assert again.status_code == 400 and "non_field_errors" in again.json()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"expected_return_at": "2020-01-01T08:00:00+08:00"}, "expected_return_at"),
        ({"customer": "other"}, "customer"),
        ({"destination": ""}, "destination"),
    ],
)
def test_api_bad_outings_are_field_errors_and_save_nothing(
    bank, held, api_client_for, changes, field
):
    payload = {
        "destination": "东城工业园",
        "purpose": "走访",
        "left_at": "2020-01-01T09:00:00+08:00",
        "expected_return_at": "2020-01-01T11:00:00+08:00",
    } | changes
    if payload.get("customer") == "other":
        payload["customer"] = held.b.pk
    response = api_client_for(bank.am_a_user).post(OUTINGS, payload)
    assert response.status_code == 400 and field in response.json()
    assert not Outing.objects.exists()


@pytest.mark.parametrize("user_attr", ["head_a", "hr", "admin", "integration"])
def test_api_only_account_managers_register(bank, api_client_for, user_attr):
    payload = {
        "destination": "x",
        "purpose": "y",
        "expected_return_at": (timezone.now() + timedelta(hours=1)).isoformat(),
    }
    response = api_client_for(getattr(bank, user_attr)).post(OUTINGS, payload)
    assert response.status_code == 403 and response.json()["detail"]
    assert not Outing.objects.exists()


def test_api_account_manager_without_a_manager_row_is_told_why(bank, api_client_for):
    stray = UserFactory(role="account_manager", org_unit=bank.sub_a)
    response = api_client_for(stray).post(
        OUTINGS, {"destination": "x", "purpose": "y", "expected_return_at": "2099-01-01T10:00Z"}
    )
    assert response.status_code == 403 and response.json()["detail"]


def test_api_detail_outside_scope_is_404(bank, three_days_ago, api_client_for):
    url = f"{OUTINGS}{three_days_ago.sibling.pk}/"
    assert api_client_for(bank.head_a).get(url).status_code == 404
    assert api_client_for(bank.am_a_user).get(url).status_code == 404
    assert api_client_for(bank.head_b).get(url).json()["destination"] == "城西"


def test_credit_officer_cannot_read_outings_through_the_api(bank, api_client_for):
    assert api_client_for(bank.officer_a).get(OUTINGS).status_code == 403


# --- constant query counts -------------------------------------------------------------------


def more_outings(bank, n: int):
    day = timezone.localdate() - timedelta(days=2)
    for index in range(n):
        user = UserFactory(role="account_manager", org_unit=bank.sub_a)
        manager = AccountManagerFactory(unit=bank.sub_a, user=user)
        customer = hold(CustomerFactory(unit=bank.sub_a), manager, bank.head_a)
        register(
            user,
            left_at=at(day, 9),
            expected_return_at=at(day, 10 + index % 8),
            customer=customer,
        )


def test_outing_page_query_count_is_constant(
    client, bank, three_days_ago, django_assert_max_num_queries
):
    login(client, bank.head_a)
    with django_assert_max_num_queries(15) as before:
        client.get(reverse("outing-list"))
    more_outings(bank, 12)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(reverse("outing-list")).context["page"].paginator.count == 15


def test_outing_api_query_count_is_constant(
    bank, three_days_ago, api_client_for, django_assert_max_num_queries
):
    client = api_client_for(bank.hr)
    with django_assert_max_num_queries(10) as before:
        client.get(OUTINGS)
    more_outings(bank, 12)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(OUTINGS).json()["count"] == 16
