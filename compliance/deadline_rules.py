"""Deadline arithmetic of R-DIS-4 on the official calendar: one calendar load for any
number of records (two queries), then pure computation."""

from datetime import date, timedelta

from managers.working_days import WorkingCalendar

# The longest stretch of days off in the Chinese calendar is under two weeks, so a
# deadline of N working days ends within 2N + 14 calendar days.
SLACK_DAYS = 14


def due_dates(records) -> list[date]:
    """The last day allowed for each record (`start` + its `working_days`)."""
    if not records:
        return []
    first = min(r.start for r in records)
    last = max(r.start for r in records)
    longest = max(r.working_days for r in records)
    calendar = WorkingCalendar.between(first, last + timedelta(days=2 * longest + SLACK_DAYS))
    return [calendar.add_working_days(r.start, r.working_days) for r in records]


def is_late(record, today: date) -> bool:
    """Done after the due day, or not done and the due day has passed."""
    if record.done is not None:
        return record.done > record.due_on
    return record.due_on < today
