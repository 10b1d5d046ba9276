"""Missing and late journals per working day, and submission rates (R-JNL-1, R-DIS-4).

Every working day on the official calendar (holidays and adjusted working days) on
which an account manager was active needs a journal. It is:

- on time: submitted by the deadline of `JournalPolicy` (by default 23:59 that day);
- late: submitted after the deadline;
- missing: not submitted (a draft does not count) and the deadline has passed;
- pending: not submitted, deadline still ahead (today): counted nowhere yet.

An account manager is active from their hire date while their status is active or
trainee (stood-down and exited managers are not expected to write journals; the status
has no history of dates, so a manager who left during the period drops out of it).
The submission rate is on-time journals / due working days (on time + late + missing).

Set-based: the managers (one query), their submitted journals of the period (one), the
calendar (two) and the policy (one); everything else is computed in memory.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.utils import timezone

from .choices import JournalStatus, ManagerStatus
from .models import AccountManager, JournalPolicy, OrgUnit, WorkJournal
from .working_days import WorkingCalendar

EXPECTED_STATUSES = (ManagerStatus.ACTIVE, ManagerStatus.TRAINEE)
MAX_PERIOD_DAYS = 366


@dataclass
class Tally:
    on_time: int = 0
    late: int = 0
    missing: int = 0

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.missing

    @property
    def submitted(self) -> int:
        return self.on_time + self.late

    @property
    def rate(self) -> Decimal | None:
        """On-time share of the due days, 4 decimals (0.9500 = 95%), None when none due."""
        if not self.due:
            return None
        return (Decimal(self.on_time) / self.due).quantize(Decimal("0.0001"), ROUND_HALF_UP)

    def add(self, other: "Tally") -> None:
        self.on_time += other.on_time
        self.late += other.late
        self.missing += other.missing


@dataclass
class ManagerRecord(Tally):
    manager: AccountManager | None = None
    late_days: list[date] = field(default_factory=list)
    missing_days: list[date] = field(default_factory=list)
    pending_days: list[date] = field(default_factory=list)


@dataclass
class UnitRecord(Tally):
    unit: OrgUnit | None = None
    managers: int = 0


@dataclass
class JournalCompliance:
    start: date
    end: date
    policy: JournalPolicy
    missing_years: list[int]
    managers: list[ManagerRecord]
    units: list[UnitRecord]
    total: UnitRecord


class Deadlines:
    """When each day's journal is due, from the policy and the calendar (R-JNL-1)."""

    def __init__(self, policy: JournalPolicy, calendar: WorkingCalendar):
        self.policy, self.calendar = policy, calendar
        self.zone = timezone.get_default_timezone()
        self._due: dict[date, datetime] = {}  # the same few days for every manager

    def due_before(self, day: date) -> datetime:
        """The first moment that is late: the minute after the due time."""
        if day not in self._due:
            due_day = self.calendar.add_working_days(day, self.policy.due_working_days)
            due = datetime.combine(due_day, self.policy.due_time.replace(second=0, microsecond=0))
            self._due[day] = timezone.make_aware(due, self.zone) + timedelta(minutes=1)
        return self._due[day]


def calendar_for(start: date, end: date, policy: JournalPolicy) -> WorkingCalendar:
    """The period's calendar, with room after it for the deadlines of its last days."""
    return WorkingCalendar.between(start, end + timedelta(days=20 + 3 * policy.due_working_days))


def expected_managers(user, *, end: date, unit: OrgUnit | None = None):
    managers = AccountManager.objects.restrict(user).filter(
        status__in=EXPECTED_STATUSES, hire_date__lte=end
    )
    if unit is not None:
        managers = managers.filter(unit__path__startswith=unit.path)
    return managers.select_related("unit").order_by("unit__path", "name", "pk")


def submissions(managers, start: date, end: date) -> dict[tuple[int, date], datetime]:
    """(manager id, day) → submitted_at of the submitted or reviewed journals."""
    rows = (
        WorkJournal.objects.filter(manager__in=managers, day__range=(start, end))
        .exclude(status=JournalStatus.DRAFT)
        .values_list("manager_id", "day", "submitted_at")
    )
    return {(manager_id, day): submitted_at for manager_id, day, submitted_at in rows}


def assess(
    manager_id: int,
    hire_date: date,
    working_days: Iterable[date],
    submitted: dict[tuple[int, date], datetime],
    deadlines: Deadlines,
    now: datetime,
) -> ManagerRecord:
    record = ManagerRecord()
    for day in working_days:
        if day < hire_date:
            continue
        due_before = deadlines.due_before(day)
        submitted_at = submitted.get((manager_id, day))
        if submitted_at is not None and submitted_at < due_before:
            record.on_time += 1
        elif submitted_at is not None:
            record.late += 1
            record.late_days.append(day)
        elif now >= due_before:
            record.missing += 1
            record.missing_days.append(day)
        else:
            record.pending_days.append(day)
    return record


def by_unit(records: list[ManagerRecord]) -> list[UnitRecord]:
    units: dict[int, UnitRecord] = {}
    for record in records:
        unit = record.manager.unit
        row = units.setdefault(unit.pk, UnitRecord(unit=unit))
        row.managers += 1
        row.add(record)
    return sorted(units.values(), key=lambda row: row.unit.path)


@dataclass
class Period:
    """What assessing a period needs: its working days so far, the deadlines, the
    expected managers (a queryset) and their submissions."""

    policy: JournalPolicy
    calendar: WorkingCalendar
    deadlines: Deadlines
    working_days: list[date]
    expected: QuerySet[AccountManager]
    submitted: dict[tuple[int, date], datetime]
    now: datetime


def period_of(user, start: date, end: date, unit: OrgUnit | None, now: datetime | None) -> Period:
    now = now or timezone.now()
    today = timezone.localtime(now, timezone.get_default_timezone()).date()
    policy = JournalPolicy.current()
    calendar = calendar_for(start, end, policy)
    last = min(end, today)
    working_days = list(calendar.working_days(start, last)) if start <= last else []
    expected = expected_managers(user, end=end, unit=unit)
    submitted = submissions(expected.values("pk").order_by(), start, end)
    return Period(
        policy, calendar, Deadlines(policy, calendar), working_days, expected, submitted, now
    )


def journal_compliance(
    user, *, start: date, end: date, unit: OrgUnit | None = None, now: datetime | None = None
) -> JournalCompliance:
    """R-JNL-1: per account manager in the user's scope (and `unit`'s subtree), the late
    and missing working days of start…end, and the on-time rate; then per unit."""
    period = period_of(user, start, end, unit, now)
    records = []
    for manager in period.expected:
        record = assess(
            manager.pk,
            manager.hire_date,
            period.working_days,
            period.submitted,
            period.deadlines,
            period.now,
        )
        record.manager = manager
        records.append(record)
    units = by_unit(records)
    total = UnitRecord(unit=unit, managers=len(records))
    for row in units:
        total.add(row)
    return JournalCompliance(
        start=start,
        end=end,
        policy=period.policy,
        missing_years=[year for year in period.calendar.missing_years if year <= end.year],
        managers=records,
        units=units,
        total=total,
    )


def journal_totals(
    user, *, start: date, end: date, unit: OrgUnit | None = None, now: datetime | None = None
) -> UnitRecord:
    """The subtree's total of `journal_compliance` alone, from plain values (the
    dashboard's figure: no manager objects for thousands of managers)."""
    period = period_of(user, start, end, unit, now)
    total = UnitRecord(unit=unit)
    for manager_id, hire_date in period.expected.values_list("pk", "hire_date"):
        total.managers += 1
        total.add(
            assess(
                manager_id,
                hire_date,
                period.working_days,
                period.submitted,
                period.deadlines,
                period.now,
            )
        )
    return total
