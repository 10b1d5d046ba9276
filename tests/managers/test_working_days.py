"""The official working-day calendar (R-DIS-4), across the 2026 National Day holiday:
1–7 October off, Sunday 20 September and Saturday 10 October adjusted working days."""

from datetime import date

import pytest

from managers.models import CalendarException, CalendarYear
from managers.working_days import WorkingCalendar, is_working_day

pytestmark = pytest.mark.django_db


def test_national_day_2026_holidays_and_adjusted_working_days():
    assert is_working_day(date(2026, 9, 30))  # Wednesday before the holiday
    assert not is_working_day(date(2026, 10, 1))  # Thursday, National Day
    assert not is_working_day(date(2026, 10, 5))  # Monday inside the holiday
    assert is_working_day(date(2026, 10, 10))  # Saturday, adjusted working day
    assert is_working_day(date(2026, 9, 20))  # Sunday, adjusted working day
    assert not is_working_day(date(2026, 10, 11))  # an ordinary Sunday


def test_counting_and_deadlines_skip_the_holiday():
    calendar = WorkingCalendar.between(date(2026, 9, 28), date(2026, 10, 31))
    # 28–30 Sep (3), 8–10 Oct (3): six working days up to 10 October.
    assert calendar.count_working_days(date(2026, 9, 28), date(2026, 10, 10)) == 6
    # "within 3 working days" of 30 September ends on Saturday 10 October.
    assert calendar.add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)
    assert calendar.missing_years == []


def test_a_year_nobody_entered_falls_back_to_monday_to_friday_and_says_so():
    calendar = WorkingCalendar.between(date(2027, 1, 1), date(2027, 1, 10))
    assert calendar.missing_years == [2027]
    assert calendar.is_working_day(date(2027, 1, 1))  # a Friday, not yet known as New Year
    CalendarYear.objects.create(year=2027, source="国办发明电〔2026〕")
    CalendarException.objects.create(day=date(2027, 1, 1), is_working_day=False, name="元旦")
    calendar = WorkingCalendar.between(date(2027, 1, 1), date(2027, 1, 10))
    assert calendar.missing_years == []
    assert not calendar.is_working_day(date(2027, 1, 1))


def test_the_calendar_is_read_in_two_queries(django_assert_num_queries):
    with django_assert_num_queries(2):
        calendar = WorkingCalendar.between(date(2026, 1, 1), date(2026, 12, 31))
    with django_assert_num_queries(0):
        assert calendar.count_working_days(date(2026, 1, 1), date(2026, 12, 31)) > 240


def test_a_day_outside_the_loaded_period_is_refused():
    calendar = WorkingCalendar.between(date(2026, 10, 1), date(2026, 10, 31))
    with pytest.raises(ValueError):
        calendar.is_working_day(date(2026, 11, 2))
