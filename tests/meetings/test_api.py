"""REST API of meetings (R-MTG-1…3): `meetings`, `attendance`, `leave-requests`,
`minutes-scores` with filters; scoped (out of scope: 404 on detail, 400 on write);
writes through the services; constant query counts; a clean OpenAPI schema."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from meetings import minutes_services
from meetings.models import LeaveRequest, Meeting
from tests.factories import AccountManagerFactory

from .helpers import MON_12_OCT, at, meeting_type, record

MEETINGS = "/api/v1/meetings/"
ATTENDANCE = "/api/v1/attendance/"
LEAVE = "/api/v1/leave-requests/"
SCORES = "/api/v1/minutes-scores/"


def meeting_body(bank, **overrides):
    return {
        "unit": bank.sub_a.pk,
        "meeting_type": meeting_type("morning").pk,
        "starts_at": at(MON_12_OCT, 7, 50).isoformat(),
        "ends_at": at(MON_12_OCT, 8, 25).isoformat(),
        "host": bank.head_a.pk,
        "place": "信贷工作区",
        "study": "学习",
        "reports": "汇报",
        "priorities": "重点",
        "minutes": "纪要",
        "sign_ins": [
            {"manager": bank.am_a.pk, "signed_in_at": at(MON_12_OCT, 7, 53).isoformat()},
            {"staff": bank.officer_a.pk, "signed_in_at": at(MON_12_OCT, 7, 40).isoformat()},
        ],
    } | overrides


def test_record_a_meeting_with_its_register(bank, api_client_for):
    response = api_client_for(bank.officer_a).post(MEETINGS, meeting_body(bank), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["date"], data["expected_count"], data["late_count"]) == ("2026-10-12", 2, 1)
    rows = api_client_for(bank.head_a).get(ATTENDANCE, {"meeting": data["id"]}).json()["results"]
    assert {(row["person_name"], row["status"], row["minutes_late"]) for row in rows} == {
        ("甲经理", "late", 3),
        (bank.officer_a.get_full_name(), "present", 0),
    }


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"ends_at": at(MON_12_OCT, 7, 0).isoformat()}, "ends_at"),
        ({"sign_ins": [{"manager": 999999, "signed_in_at": None}]}, "attendance"),
        ({"unit": "sub_b"}, "unit"),
        ({"host": "head_b"}, "host"),
        ({"sign_ins": [{"signed_in_at": None}]}, "sign_ins"),
    ],
)
def test_bad_meetings_are_400_and_nothing_saved(bank, api_client_for, overrides, field):
    overrides = {
        key: (getattr(bank, value).pk if isinstance(value, str) and hasattr(bank, value) else value)
        for key, value in overrides.items()
    }
    response = api_client_for(bank.head_a).post(
        MEETINGS, meeting_body(bank, **overrides), format="json"
    )
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not Meeting.objects.exists()


def test_an_account_manager_cannot_record(bank, api_client_for):
    response = api_client_for(bank.am_a_user).post(MEETINGS, meeting_body(bank), format="json")
    assert response.status_code == 403 and response.json()["detail"]
    assert not Meeting.objects.exists()


def test_scoping_and_filters(bank, api_client_for):
    a = record(bank.head_a, bank.sub_a, MON_12_OCT)
    b = record(bank.head_b, bank.sub_b, MON_12_OCT + timedelta(days=1))
    record(bank.head_b, bank.sub_b, MON_12_OCT + timedelta(days=2), code="weekly")
    head_b = api_client_for(bank.head_b)
    assert head_b.get(f"{MEETINGS}{a.pk}/").status_code == 404
    listed = {m["id"] for m in head_b.get(MEETINGS).json()["results"]}
    assert b.pk in listed and a.pk not in listed and len(listed) == 2
    client = api_client_for(bank.integration)
    assert client.get(MEETINGS, {"unit": bank.sub_b.pk}).json()["count"] == 2
    assert client.get(MEETINGS, {"meeting_type": meeting_type("weekly").pk}).json()["count"] == 1
    period = {"date_from": "2026-10-12", "date_to": "2026-10-13"}
    assert client.get(MEETINGS, period).json()["count"] == 2
    absent = client.get(ATTENDANCE, {"status": "absent", "manager": bank.am_b.pk}).json()
    assert absent["count"] == 2
    assert head_b.get(ATTENDANCE, {"manager": bank.am_a.pk}).status_code == 400  # not theirs
    # An out-of-scope attendance row is 404 on write too.
    row = a.attendance.first()
    assert head_b.patch(f"{ATTENDANCE}{row.pk}/", {"signed_in_at": None}).status_code == 404


def test_signing_in_a_late_arrival_through_the_attendance_endpoint(bank, api_client_for):
    meeting = record(bank.head_a, bank.sub_a, MON_12_OCT)
    row = meeting.attendance.get(manager=bank.am_a)
    response = api_client_for(bank.officer_a).patch(
        f"{ATTENDANCE}{row.pk}/", {"signed_in_at": at(MON_12_OCT, 8, 2).isoformat()}
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["minutes_late"]) == ("late", 12)


def test_correcting_a_meeting_keeps_unit_type_and_day(bank, api_client_for):
    meeting = record(bank.head_a, bank.sub_a, MON_12_OCT)
    client = api_client_for(bank.head_a)
    ok = client.patch(f"{MEETINGS}{meeting.pk}/", {"place": "会议室"}, format="json")
    assert ok.status_code == 200 and ok.json()["place"] == "会议室"
    moved = client.patch(
        f"{MEETINGS}{meeting.pk}/",
        {"starts_at": at(MON_12_OCT + timedelta(days=1), 7, 50).isoformat()},
        format="json",
    )
    assert moved.status_code == 400 and "starts_at" in moved.json()
    retyped = client.patch(
        f"{MEETINGS}{meeting.pk}/", {"meeting_type": meeting_type("weekly").pk}, format="json"
    )
    assert retyped.status_code == 400 and "meeting_type" in retyped.json()


def test_leave_requests_through_the_api(bank, api_client_for):
    tomorrow = (date.today() + timedelta(days=7)).isoformat()
    body = {"manager": bank.am_a.pk, "date_from": tomorrow, "date_to": tomorrow, "reason": "病假"}
    created = api_client_for(bank.am_a_user).post(LEAVE, body, format="json")
    assert created.status_code == 201, created.json()
    leave_id = created.json()["id"]
    assert api_client_for(bank.head_b).post(f"{LEAVE}{leave_id}/approve/").status_code == 404
    approved = api_client_for(bank.head_a).post(f"{LEAVE}{leave_id}/approve/", {"note": "同意"})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    other = api_client_for(bank.am_a_user).post(
        LEAVE, body | {"manager": bank.am_b.pk}, format="json"
    )
    assert other.status_code == 400 and "person" in other.json()
    past = api_client_for(bank.am_a_user).post(
        LEAVE, body | {"date_from": "2026-10-12", "date_to": "2026-10-12"}, format="json"
    )
    assert past.status_code == 400 and "date_from" in past.json()
    assert LeaveRequest.objects.count() == 1
    filtered = api_client_for(bank.head_a).get(LEAVE, {"status": "approved"}).json()
    assert filtered["count"] == 1


def test_leave_approved_after_the_meeting_is_400(bank, api_client_for):
    day = date.today() + timedelta(days=7)
    leave = LeaveRequest.objects.create(
        manager=bank.am_a,
        unit=bank.sub_a,
        date_from=date(2026, 10, 12),
        date_to=date(2026, 10, 12),
        reason="补请假",
        requested_by=bank.am_a_user,
        requested_at=at(day, 9),
    )
    response = api_client_for(bank.head_a).post(f"{LEAVE}{leave.pk}/approve/")
    assert response.status_code == 400 and "status" in response.json()
    leave.refresh_from_db()
    assert leave.status == "requested"


def test_minutes_scores_through_the_api(bank, api_client_for):
    meeting = record(bank.head_a, bank.sub_a, MON_12_OCT)
    client = api_client_for(bank.compliance)
    created = client.post(SCORES, {"meeting": meeting.pk, "score": 92, "note": "完整"})
    assert created.status_code == 201 and created.json()["score"] == 92
    again = client.post(SCORES, {"meeting": meeting.pk, "score": 75})
    assert again.status_code == 201 and again.json()["id"] == created.json()["id"]
    b_meeting = record(bank.head_b, bank.sub_b, MON_12_OCT)
    out_of_scope = api_client_for(bank.officer_a).post(
        SCORES, {"meeting": b_meeting.pk, "score": 80}
    )
    assert out_of_scope.status_code == 400 and "meeting" in out_of_scope.json()
    assert api_client_for(bank.head_b).get(SCORES).json()["count"] == 0
    unit_filter = client.get(SCORES, {"unit": bank.sub_a.pk, "date_from": "2026-10-01"})
    assert unit_filter.json()["count"] == 1


def more_meetings(bank, first, count):
    for offset in range(first, first + count):
        AccountManagerFactory(unit=bank.sub_a)
        day = date(2026, 10, 12) + timedelta(days=offset)
        meeting = record(bank.head_a, bank.sub_a, day, signed={bank.am_a: (7, 55)})
        minutes_services.minutes_score(actor=bank.compliance, meeting=meeting, score=80)
        LeaveRequest.objects.create(
            manager=bank.am_a,
            unit=bank.sub_a,
            date_from=day,
            date_to=day,
            reason="事假",
            requested_by=bank.am_a_user,
            requested_at=at(day, 7),
        )


@pytest.mark.parametrize("url", [MEETINGS, ATTENDANCE, LEAVE, SCORES])
def test_api_list_query_counts_are_constant(
    bank, api_client_for, url, django_assert_max_num_queries
):
    client = api_client_for(bank.integration)
    more_meetings(bank, 0, 1)
    with django_assert_max_num_queries(10) as few:
        assert client.get(url).json()["count"] >= 1
    more_meetings(bank, 1, 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).json()["count"] >= 6


def test_the_openapi_schema_is_clean(db):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_writes_go_through_the_services_only(bank, api_client_for):
    """No generic update or delete: leave is decided by approve/reject, scores are
    re-posted, meetings and sign-ins are corrected by PATCH (services)."""
    meeting = record(bank.head_a, bank.sub_a, MON_12_OCT)
    client = api_client_for(bank.head_a)
    leave = LeaveRequest.objects.create(
        manager=bank.am_a,
        unit=bank.sub_a,
        date_from=MON_12_OCT,
        date_to=MON_12_OCT,
        reason="事假",
        requested_by=bank.am_a_user,
        requested_at=at(MON_12_OCT, 7),
    )
    assert client.patch(f"{LEAVE}{leave.pk}/", {"status": "approved"}).status_code == 405
    assert client.put(f"{MEETINGS}{meeting.pk}/", {}).status_code == 405
    assert client.delete(f"{MEETINGS}{meeting.pk}/").status_code == 405
    assert client.post(ATTENDANCE, {}).status_code == 405
