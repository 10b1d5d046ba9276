"""Pure rules of meetings and their discipline (no ORM: values in, results out).

- R-MTG-2 / R-DIS-4: attendance is derived from the sign-in and leaving times against the
  meeting's start and end, and from approved leave; lateness, early leave and absence
  without approved leave each give a fine reason.
- R-MTG-1 / R-MTG-2: a unit's morning-meeting status of the day.
- R-MTG-3: the deterministic quarterly sample of minutes.
"""

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from compliance.fine_choices import FineReason

from .choices import AttendanceStatus, Cadence, TodayStatus


@dataclass(frozen=True)
class AttendanceOutcome:
    status: AttendanceStatus
    minutes_late: int = 0
    left_early: bool = False


def attendance_outcome(
    *,
    starts_at: datetime,
    ends_at: datetime,
    signed_in_at: datetime | None,
    left_at: datetime | None = None,
    on_leave: bool = False,
) -> AttendanceOutcome:
    """R-MTG-2: signed in by the start → present; after it → late (whole minutes, rounded
    up); left before the end → left early (late wins the status, both are fined). No
    sign-in: on leave when approved leave covers the day, otherwise absent (R-DIS-4:
    leave not approved in advance counts as absence)."""
    if signed_in_at is None:
        return AttendanceOutcome(AttendanceStatus.ON_LEAVE if on_leave else AttendanceStatus.ABSENT)
    late_seconds = (signed_in_at - starts_at).total_seconds()
    minutes_late = math.ceil(late_seconds / 60) if late_seconds > 0 else 0
    left_early = left_at is not None and left_at < ends_at
    if minutes_late:
        status = AttendanceStatus.LATE
    elif left_early:
        status = AttendanceStatus.LEFT_EARLY
    else:
        status = AttendanceStatus.PRESENT
    return AttendanceOutcome(status, minutes_late, left_early)


def fine_reasons(outcome: AttendanceOutcome) -> list[FineReason]:
    """R-DIS-4: late (each time), left early, absent without approved leave."""
    reasons = []
    if outcome.minutes_late:
        reasons.append(FineReason.LATE)
    if outcome.left_early:
        reasons.append(FineReason.LEFT_EARLY)
    if outcome.status == AttendanceStatus.ABSENT:
        reasons.append(FineReason.ABSENT)
    return reasons


def fine_amount(reason: str, schedule: Mapping[str, tuple[Decimal, Decimal]]) -> Decimal:
    """The amount to propose (R-DIS-4), never below the reason's floor (R-MTG-2: 500)."""
    amount, minimum = schedule[str(reason)]
    return max(amount, minimum)


@dataclass(frozen=True)
class Schedule:
    """A meeting type's schedule (R-MTG-1, R-MTG-3, R-MTG-4)."""

    cadence: str
    weekday: int | None = None
    starts_at: time | None = None
    ends_by: time | None = None


def is_scheduled_on(schedule: Schedule, day: date, *, working_day: bool) -> bool:
    """Whether a meeting of this schedule falls on `day`: daily ones on every working day,
    weekly ones on their weekday when it is a working day. Monthly meetings have no fixed
    day, so none is scheduled."""
    if not working_day:
        return False
    if schedule.cadence == Cadence.WORKING_DAY:
        return True
    if schedule.cadence == Cadence.WEEKLY:
        return day.weekday() == schedule.weekday
    return False


def leave_deadline(day: date, schedules: Iterable[Schedule], *, working_day: bool) -> time | None:
    """R-MTG-2: leave is approved before the first meeting of the day starts (the
    earliest scheduled start). None when no timed meeting falls on the day."""
    starts = [
        s.starts_at
        for s in schedules
        if s.starts_at and is_scheduled_on(s, day, working_day=working_day)
    ]
    return min(starts, default=None)


def today_status(*, working_day: bool, held: bool, now: time, over_by: time) -> TodayStatus:
    """R-MTG-1/R-MTG-2: held; not yet (still before the time it must be over); not held
    (after it, none recorded); or not a working day."""
    if held:
        return TodayStatus.HELD
    if not working_day:
        return TodayStatus.NOT_WORKING_DAY
    return TodayStatus.NOT_YET if now < over_by else TodayStatus.NOT_HELD


RATE_PLACES = Decimal("0.0001")


def attendance_rate(*, attended: int, expected: int, excused: int) -> Decimal | None:
    """Attended (present, late or left early) over the meetings a person was expected at,
    not counting approved leave. None when nothing counts."""
    counted = expected - excused
    if counted <= 0:
        return None
    return (Decimal(attended) / Decimal(counted)).quantize(RATE_PLACES, ROUND_HALF_UP)


def minutes_sample(meeting_ids: Sequence[int], size: int, *, seed: str) -> list[int]:
    """R-MTG-3: `size` of the meetings, drawn by a stable hash of `seed` and the id, so a
    reviewer who comes back sees the same sample (and it cannot be chosen)."""

    def draw(meeting_id: int) -> str:
        return hashlib.sha256(f"{seed}:{meeting_id}".encode()).hexdigest()

    return sorted(sorted(meeting_ids, key=draw)[:size])


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    first_month = 3 * (quarter - 1) + 1
    start = date(year, first_month, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, first_month + 3, 1)
    return start, date.fromordinal(end.toordinal() - 1)
