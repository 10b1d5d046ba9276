"""The demo's meetings (R-MTG-1…3, R-DIS-4): three months of morning meetings on the
official working days (none on the National Day holiday, one on the adjusted Saturday),
weekly and monthly meetings, realistic gaps, lateness and leave, minutes scores, and the
fine proposals detection made of them, some decided."""

from datetime import date

import pytest
from django.db.models import Count

from compliance.fine_choices import FineReason, FineStatus
from compliance.fines import FineProposal
from managers import demo
from meetings.choices import AttendanceStatus
from meetings.demo import seed_meetings
from meetings.models import Attendance, LeaveRequest, Meeting, MinutesScore
from meetings.selectors import meeting_units


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            bank = demo.seed("small")
            summary = seed_meetings(bank)
            yield summary
            transaction.set_rollback(True)


def test_three_months_of_meetings_on_working_days(seeded):
    morning = Meeting.objects.filter(meeting_type__code="morning")
    days = set(morning.values_list("date", flat=True))
    assert min(days) >= date(2026, 8, 1) and max(days) <= date(2026, 10, 31)
    assert date(2026, 10, 1) not in days  # National Day
    assert {date(2026, 9, 20), date(2026, 10, 10)} <= days  # adjusted working days
    assert not {d for d in days if d.weekday() >= 5} - {date(2026, 9, 20), date(2026, 10, 10)}
    weekly = Meeting.objects.filter(meeting_type__code="weekly")
    assert {d.weekday() for d in weekly.values_list("date", flat=True)} == {2}
    assert Meeting.objects.filter(combined_with__code="analysis").exists()
    units = meeting_units().count()
    per_unit = morning.values("unit").annotate(n=Count("pk"))
    assert len(per_unit) == units == 12
    assert seeded["meetings"] == Meeting.objects.count()


def test_realistic_gaps_lateness_and_leave(seeded):
    statuses = dict(Attendance.objects.values_list("status").annotate(n=Count("pk")).order_by())
    total = sum(statuses.values())
    assert statuses[AttendanceStatus.PRESENT] / total > 0.85
    for status in (
        AttendanceStatus.LATE,
        AttendanceStatus.ABSENT,
        AttendanceStatus.ON_LEAVE,
        AttendanceStatus.LEFT_EARLY,
    ):
        assert statuses[status] > 0
    on_leave = Attendance.objects.filter(status=AttendanceStatus.ON_LEAVE)
    assert not on_leave.filter(leave__isnull=True).exists()
    assert LeaveRequest.objects.count() == seeded["leave"] > 0
    assert 0 < seeded["days_without_morning_meeting"] < 0.06 * 12 * 66


def test_scores_and_fine_proposals(seeded):
    assert MinutesScore.objects.count() == seeded["minutes_scores"] > 0
    assert not MinutesScore.objects.exclude(
        meeting__date__range=(date(2026, 7, 1), date(2026, 9, 30))
    ).exists()
    reasons = set(FineProposal.objects.values_list("reason", flat=True))
    assert {FineReason.NO_MORNING_MEETING, FineReason.LATE, FineReason.ABSENT} <= reasons
    statuses = set(FineProposal.objects.values_list("status", flat=True))
    assert {FineStatus.PROPOSED, FineStatus.CONFIRMED, FineStatus.WAIVED} <= statuses
    assert not FineProposal.objects.filter(
        reason=FineReason.NO_MORNING_MEETING, staff__isnull=True
    ).exists()
    assert (
        not FineProposal.objects.filter(day__gte=date(2026, 10, 1))
        .exclude(status=FineStatus.PROPOSED)
        .exists()
    )
