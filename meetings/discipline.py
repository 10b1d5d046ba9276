"""Discipline detection (R-MTG-2, R-DIS-4): proposals, never deductions.

- A working day on which a unit with account managers held no morning meeting (a type
  flagged `flag_if_missing`, also when held combined with another meeting) gives its
  director a fine proposal of at least 500 yuan (R-MTG-2), once the meeting should be
  over. The director is the unit head of the unit, or, for a unit without one (e.g. an
  outlet), of the nearest unit above it that has one.
- Lateness, early leaving and absence without approved leave on a register give the
  person a fine proposal per R-DIS-4 (late 50 each time, absence 50).

Working days follow the official calendar with its adjusted working days
(`managers.working_days`). Idempotent: each run makes the stored proposals of its scope
match what the records say now (see `compliance.fine_services.fine_proposals_sync`).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from compliance.fine_choices import FineReason
from compliance.fine_services import SyncCounts, fine_proposals_sync
from compliance.fines import FineProposal, FineRate
from managers.choices import Role
from managers.models import OrgUnit, User
from managers.working_days import WorkingCalendar

from .choices import AttendanceStatus
from .models import Attendance, Meeting, MeetingType
from .rules import AttendanceOutcome, fine_amount, fine_reasons
from .selectors import local_zone, meeting_units

FINED_STATUSES = (AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY, AttendanceStatus.ABSENT)
ATTENDANCE_FIELDS = (
    "manager",
    "staff",
    "status",
    "minutes_late",
    "left_at",
    "meeting__unit",
    "meeting__date",
    "meeting__ends_at",
)


@dataclass
class Detection:
    start: date
    end: date
    working_days: list[date] = field(default_factory=list)
    missing: list[tuple[date, int]] = field(default_factory=list)  # (day, unit id) flagged
    counts: SyncCounts = field(default_factory=SyncCounts)
    missing_years: list[int] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "working_days": len(self.working_days),
            "units_without_morning_meeting": len(self.missing),
            "created": self.counts.created,
            "reopened": self.counts.reopened,
            "withdrawn": self.counts.withdrawn,
            "missing_years": self.missing_years,
        }


def flagged_types() -> list[MeetingType]:
    return list(MeetingType.objects.active().filter(flag_if_missing=True))


def held_condition(types) -> Q:
    return Q(meeting_type__in=types) | Q(combined_with__in=types)


def directors_by_unit(units: list[OrgUnit]) -> dict[int, list[int]]:
    """R-MTG-2: whose fine it is: the unit's heads, or the nearest unit above's (one query)."""
    heads: dict[str, list[int]] = {}
    for pk, path in User.objects.filter(
        role=Role.UNIT_HEAD, is_active=True, org_unit__isnull=False
    ).values_list("pk", "org_unit__path"):
        heads.setdefault(path, []).append(pk)
    step = OrgUnit.steplen
    found = {}
    for unit in units:
        for length in range(len(unit.path), 0, -step):
            if unit.path[:length] in heads:
                found[unit.pk] = sorted(heads[unit.path[:length]])
                break
    return found


def _attendance_proposals(rows, schedule) -> dict[tuple, FineProposal]:
    desired = {}
    for row in rows:
        outcome = AttendanceOutcome(
            row.status,
            row.minutes_late,
            row.left_at is not None and row.left_at < row.meeting.ends_at,
        )
        for reason in fine_reasons(outcome):
            proposal = FineProposal(
                manager_id=row.manager_id,
                staff_id=row.staff_id,
                unit_id=row.meeting.unit_id,
                reason=reason,
                amount=fine_amount(reason, schedule),
                day=row.meeting.date,
                meeting_id=row.meeting_id,
            )
            desired[proposal.key] = proposal
    return desired


def _no_meeting_proposals(missing, units, schedule) -> dict[tuple, FineProposal]:
    directors = directors_by_unit([units[unit_id] for _day, unit_id in missing])
    amount = fine_amount(FineReason.NO_MORNING_MEETING, schedule)
    desired = {}
    for day, unit_id in missing:
        for director in directors.get(unit_id, []):
            proposal = FineProposal(
                staff_id=director,
                unit_id=unit_id,
                reason=FineReason.NO_MORNING_MEETING,
                amount=amount,
                day=day,
            )
            desired[proposal.key] = proposal
    return desired


def fined_attendance() -> Q:
    return Q(status__in=FINED_STATUSES) | Q(left_at__isnull=False)


@transaction.atomic
def discipline_detect(*, start: date, end: date | None = None, now: datetime | None = None):
    """R-MTG-2, R-DIS-4 over `start`…`end` (default: one day), as of `now`."""
    end = end or start
    now = timezone.localtime(now or timezone.now(), local_zone())
    calendar = WorkingCalendar.between(start, end)
    result = Detection(start, end, list(calendar.working_days()), [], SyncCounts())
    result.missing_years = calendar.missing_years
    types = flagged_types()
    over_by = max((t.ends_by for t in types), default=None)
    closed = [
        day
        for day in result.working_days
        if over_by and timezone.make_aware(datetime.combine(day, over_by), local_zone()) <= now
    ]
    units = {unit.pk: unit for unit in meeting_units().only("pk", "path")}
    held = set(
        Meeting.objects.filter(held_condition(types), date__range=(start, end)).values_list(
            "unit_id", "date"
        )
    )
    result.missing = [
        (day, unit_id) for day in closed for unit_id in units if (unit_id, day) not in held
    ]
    schedule = FineRate.schedule()
    desired = _no_meeting_proposals(result.missing, units, schedule)
    rows = (
        Attendance.objects.filter(fined_attendance(), meeting__date__range=(start, end))
        .select_related("meeting")
        .only(*ATTENDANCE_FIELDS)
    )
    desired |= _attendance_proposals(rows, schedule)
    result.counts = fine_proposals_sync(desired=desired, scope=Q(day__range=(start, end)))
    return result


def meeting_discipline_sync(meeting: Meeting) -> SyncCounts:
    """After a meeting is recorded or corrected: its register's fine proposals follow it,
    and a no-meeting proposal of its unit and day no longer applies (R-MTG-2, R-DIS-4)."""
    rows = Attendance.objects.filter(fined_attendance(), meeting=meeting).select_related("meeting")
    desired = _attendance_proposals(rows, FineRate.schedule())
    scope = Q(meeting=meeting)
    types = {meeting.meeting_type, meeting.combined_with}
    if any(t is not None and t.flag_if_missing and t.is_active for t in types):
        scope |= Q(
            meeting__isnull=True,
            reason=FineReason.NO_MORNING_MEETING,
            unit=meeting.unit_id,
            day=meeting.date,
        )
    return fine_proposals_sync(desired=desired, scope=scope)
