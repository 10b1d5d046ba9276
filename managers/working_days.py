"""Working days on the official Chinese calendar (R-DIS-4, R-JNL-1, R-MTG-1).

`WorkingCalendar.between(start, end)` reads the stored exceptions of the period in two
queries; every question after that is answered in memory, so a page that checks a
quarter of days for a thousand managers still costs two queries.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from .models import CalendarException, CalendarYear

SATURDAY = 5


@dataclass(frozen=True)
class WorkingCalendar:
    start: date
    end: date
    exceptions: dict[date, bool]
    known_years: frozenset[int]

    @classmethod
    def between(cls, start: date, end: date) -> "WorkingCalendar":
        """The calendar of start…end inclusive. Deadline arithmetic may look past `end`;
        leave room for it (see `add_working_days`)."""
        exceptions = dict(
            CalendarException.objects.filter(day__range=(start, end)).values_list(
                "day", "is_working_day"
            )
        )
        years = CalendarYear.objects.filter(year__range=(start.year, end.year))
        return cls(start, end, exceptions, frozenset(years.values_list("year", flat=True)))

    @property
    def missing_years(self) -> list[int]:
        """Years of the period whose holiday notice nobody has entered yet: their
        working days are assumed to be Monday–Friday."""
        return [y for y in range(self.start.year, self.end.year + 1) if y not in self.known_years]

    def is_working_day(self, day: date) -> bool:
        if not self.start <= day <= self.end:
            raise ValueError(f"{day} is outside the calendar loaded for {self.start}…{self.end}")
        return self.exceptions.get(day, day.weekday() < SATURDAY)

    def working_days(self, start: date | None = None, end: date | None = None) -> Iterator[date]:
        day, last = start or self.start, end or self.end
        while day <= last:
            if self.is_working_day(day):
                yield day
            day += timedelta(days=1)

    def count_working_days(self, start: date, end: date) -> int:
        return sum(1 for _ in self.working_days(start, end))

    def add_working_days(self, day: date, count: int) -> date:
        """The `count`-th working day after `day` ("within 15 working days")."""
        while count > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day


def is_working_day(day: date) -> bool:
    return WorkingCalendar.between(day, day).is_working_day(day)
