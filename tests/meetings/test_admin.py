"""Schedules and fines are data (R-MTG-1…4, R-DIS-4): seeded with DOMAIN's defaults by
migrations, edited by administrators; recorded meetings are read-only in admin."""

from datetime import time
from decimal import Decimal

from compliance.fine_choices import FineReason
from compliance.fines import FineRate
from meetings.choices import Cadence
from meetings.models import MeetingType


def test_default_schedules():
    types = {t.code: t for t in MeetingType.objects.all()}
    morning = types["morning"]
    assert (morning.cadence, morning.starts_at, morning.ends_by) == (
        Cadence.WORKING_DAY,
        time(7, 50),
        time(8, 30),
    )  # R-MTG-1
    assert morning.flag_if_missing  # R-MTG-2
    weekly = types["weekly"]
    assert (weekly.weekday, weekly.starts_at, weekly.ends_by) == (2, time(7, 30), time(8, 0))
    assert types["analysis"].may_combine  # R-MTG-3
    assert {"training", "communication"} <= set(types)  # R-MTG-4, R-MTG-3


def test_default_fine_schedule():
    rates = {r.reason: (r.amount, r.minimum) for r in FineRate.objects.all()}
    assert rates[FineReason.LATE] == (Decimal("50.00"), Decimal("0.00"))  # R-DIS-4
    assert rates[FineReason.ABSENT][0] == Decimal("50.00")  # R-DIS-4
    assert rates[FineReason.NO_MORNING_MEETING] == (Decimal("500.00"), Decimal("500.00"))


def type_form(morning, **overrides):
    data = {
        "code": morning.code,
        "name": morning.name,
        "cadence": morning.cadence,
        "weekday": "",
        "starts_at": "08:00",
        "ends_by": "08:40",
        "flag_if_missing": "on",
        "minutes_sample": 3,
        "is_active": "on",
        "order": 1,
        "notes": "",
    }
    return data | overrides


def test_admin_edits_a_schedule_and_bad_values_are_refused(admin_client):
    morning = MeetingType.objects.get(code="morning")
    url = f"/admin/meetings/meetingtype/{morning.pk}/change/"
    assert admin_client.post(url, type_form(morning)).status_code == 302
    morning.refresh_from_db()
    assert morning.ends_by == time(8, 40)
    response = admin_client.post(url, type_form(morning, ends_by="07:00"))
    assert response.status_code == 200 and "ends_by" in response.context["adminform"].form.errors
    response = admin_client.post(url, type_form(morning, cadence="weekly"))
    assert "weekday" in response.context["adminform"].form.errors


def test_admin_cannot_set_the_no_meeting_fine_below_its_floor(admin_client):
    rate = FineRate.objects.get(reason=FineReason.NO_MORNING_MEETING)
    url = f"/admin/compliance/finerate/{rate.pk}/change/"
    data = {"reason": rate.reason, "amount": "300", "minimum": "500", "note": ""}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "amount" in response.context["adminform"].form.errors
    assert admin_client.post(url, data | {"amount": "800"}).status_code == 302


def test_meetings_and_fine_proposals_are_read_only_in_admin(admin_client):
    assert admin_client.get("/admin/meetings/meeting/add/").status_code == 403
    assert admin_client.get("/admin/compliance/fineproposal/add/").status_code == 403
    assert admin_client.get("/admin/meetings/meeting/").status_code == 200
