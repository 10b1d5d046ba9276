"""Read-side reports of meetings: the head's "today" board (R-MTG-1/2), attendance rates
per person and unit over a period (R-MTG-2), and the quarterly minutes sample and its
roll-up per unit (R-MTG-3). Each costs a fixed number of queries whatever the size."""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Avg, Count, Max, Min, Q, QuerySet
from django.utils import timezone

from managers.models import OrgUnit
from managers.working_days import WorkingCalendar

from .choices import ATTENDED, AttendanceStatus, TodayStatus
from .discipline import flagged_types, held_condition
from .models import Attendance, Meeting, MeetingType
from .rules import attendance_rate, minutes_sample, quarter_bounds, today_status
from .selectors import (
    EXPECTED_MANAGER_STATUSES,
    local_zone,
    meeting_units_for,
    minutes_scores_for,
)

DEFAULT_OVER_BY = time(8, 30)  # R-MTG-1, used when no meeting type is flagged as daily


@dataclass
class UnitToday:
    unit: OrgUnit
    status: TodayStatus
    meeting: Meeting | None


@dataclass
class TodayBoard:
    day: date
    working_day: bool
    over_by: time
    rows: list[UnitToday]
    missing_years: list[int]
    types: list[MeetingType]

    def count(self, status) -> int:
        return sum(1 for row in self.rows if row.status == status)


def today_board(user, *, now: datetime | None = None) -> TodayBoard:
    """Today's morning-meeting status of every meeting unit in the user's subtree."""
    now = timezone.localtime(now or timezone.now(), local_zone())
    day = now.date()
    calendar = WorkingCalendar.between(day, day)
    working = calendar.is_working_day(day)
    types = flagged_types()
    over_by = max((t.ends_by for t in types), default=DEFAULT_OVER_BY)
    units = list(
        meeting_units_for(user).annotate(
            members=Count(
                "account_managers",
                filter=Q(account_managers__status__in=EXPECTED_MANAGER_STATUSES),
            )
        )
    )
    meetings = {
        m.unit_id: m
        for m in Meeting.objects.restrict(user)
        .filter(held_condition(types), date=day)
        .select_related("host", "meeting_type")
    }
    rows = [
        UnitToday(
            unit,
            today_status(
                working_day=working, held=unit.pk in meetings, now=now.time(), over_by=over_by
            ),
            meetings.get(unit.pk),
        )
        for unit in units
    ]
    return TodayBoard(day, working, over_by, rows, calendar.missing_years, types)


# --- attendance rates ----------------------------------------------------------------------


def _status_counts() -> dict:
    return {
        "expected": Count("pk"),
        "attended": Count("pk", filter=Q(status__in=ATTENDED)),
        "late": Count("pk", filter=Q(status=AttendanceStatus.LATE)),
        "left_early": Count("pk", filter=Q(status=AttendanceStatus.LEFT_EARLY)),
        "absent": Count("pk", filter=Q(status=AttendanceStatus.ABSENT)),
        "on_leave": Count("pk", filter=Q(status=AttendanceStatus.ON_LEAVE)),
    }


def with_rate(row: dict) -> dict:
    row["rate"] = attendance_rate(
        attended=row["attended"], expected=row["expected"], excused=row["on_leave"]
    )
    return row


def attendance_rows(attendance: QuerySet[Attendance]) -> QuerySet[Attendance]:
    """Rates per person (and the unit where they attended), one row each."""
    return (
        attendance.values(
            "manager_id",
            "staff_id",
            "manager__name",
            "manager__employee_number",
            "staff__last_name",
            "staff__first_name",
            "staff__username",
            "meeting__unit_id",
            "meeting__unit__name",
            "meeting__unit__path",
        )
        .annotate(**_status_counts())
        .order_by("meeting__unit__path", "manager__employee_number", "staff__username")
    )


def person_name(row: dict) -> str:
    if row["manager_id"]:
        return row["manager__name"]
    return f"{row['staff__last_name']}{row['staff__first_name']}" or row["staff__username"]


@dataclass
class UnitRate:
    unit_id: int
    name: str
    path: str
    counts: dict
    rate: Decimal | None
    meetings: int
    days_without: int | None


def unit_rates(
    user,
    attendance: QuerySet[Attendance],
    *,
    start: date,
    end: date,
    today: date,
    within: OrgUnit | None = None,
) -> tuple[list[UnitRate], int, list[int]]:
    """Per unit: attendance counts and rate, meetings held, and the working days (up to
    today) without a morning meeting (R-MTG-2). Also the period's working days so far."""
    counts = {
        row["meeting__unit_id"]: row
        for row in attendance.values("meeting__unit_id").annotate(**_status_counts()).order_by()
    }
    last = min(end, today)
    calendar = WorkingCalendar.between(start, max(start, last))
    working = set(calendar.working_days()) if last >= start else set()
    types = flagged_types()
    meetings = Meeting.objects.restrict(user).filter(date__range=(start, end))
    units = meeting_units_for(user).only("pk", "name", "path")
    if within is not None:
        meetings = meetings.filter(unit__path__startswith=within.path)
        units = units.filter(path__startswith=within.path)
    held = {
        row["unit_id"]: row
        for row in meetings.values("unit_id")
        .annotate(
            total=Count("pk"),
            morning_days=Count(
                "date", filter=held_condition(types) & Q(date__in=working), distinct=True
            ),
        )
        .order_by()
    }
    rows = []
    for unit in units:
        unit_counts = counts.get(unit.pk, {"expected": 0, "attended": 0, "on_leave": 0})
        unit_held = held.get(unit.pk, {"total": 0, "morning_days": 0})
        rows.append(
            UnitRate(
                unit.pk,
                unit.name,
                unit.path,
                unit_counts,
                with_rate(dict(unit_counts))["rate"],
                unit_held["total"],
                len(working) - unit_held["morning_days"] if types else None,
            )
        )
    return rows, len(working), calendar.missing_years


# --- minutes spot-check (R-MTG-3) ------------------------------------------------------------


def sampled_meeting_ids(user, year: int, quarter: int) -> list[int]:
    """Each unit's sample of the quarter's minutes: per meeting type, its configured
    number, drawn deterministically (see `rules.minutes_sample`)."""
    start, end = quarter_bounds(year, quarter)
    sizes = dict(
        MeetingType.objects.filter(minutes_sample__gt=0).values_list("pk", "minutes_sample")
    )
    groups: dict[tuple[int, int], list[int]] = {}
    rows = (
        Meeting.objects.restrict(user)
        .filter(date__range=(start, end), meeting_type__in=list(sizes))
        .values_list("pk", "unit_id", "meeting_type_id")
    )
    for pk, unit_id, type_id in rows:
        groups.setdefault((unit_id, type_id), []).append(pk)
    sample = []
    for (unit_id, type_id), ids in groups.items():
        seed = f"{year}Q{quarter}:{unit_id}:{type_id}"
        sample.extend(minutes_sample(ids, sizes[type_id], seed=seed))
    return sample


def minutes_sample_for(user, year: int, quarter: int) -> QuerySet[Meeting]:
    return (
        Meeting.objects.restrict(user)
        .filter(pk__in=sampled_meeting_ids(user, year, quarter))
        .select_related("unit", "meeting_type", "host", "minutes_score__reviewer")
        .order_by("unit__path", "date", "meeting_type__order")
    )


def minutes_rollup(user, year: int, quarter: int) -> QuerySet:
    """R-MTG-3: per unit, the quarter's scored minutes: how many, average, lowest, highest."""
    start, end = quarter_bounds(year, quarter)
    return (
        minutes_scores_for(user)
        .filter(meeting__date__range=(start, end))
        .values("meeting__unit_id", "meeting__unit__name", "meeting__unit__path")
        .annotate(
            scored=Count("pk"), average=Avg("score"), lowest=Min("score"), highest=Max("score")
        )
        .order_by("meeting__unit__path")
    )
