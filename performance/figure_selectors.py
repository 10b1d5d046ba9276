"""Reading a customer's monthly figures outside the evaluation."""

from datetime import date
from decimal import Decimal

from .figure_rules import period_daily_average
from .models import MonthlyFigure


def previous_half_year_deposit_avg(customer, today: date) -> Decimal | None:
    """R-CUS-4: the transfer baseline, the customer's daily-average deposits over the six
    months before `today`'s month (day-weighted, over the months with figures); None when
    none of them has figures."""
    index = today.year * 12 + today.month - 1  # months since year 0, this month
    months = [divmod(index - back, 12) for back in range(1, 7)]
    wanted = [(year, month + 1) for year, month in months]
    figures = MonthlyFigure.objects.filter(
        customer=customer,
        year__in={year for year, _month in wanted},
    ).values_list("year", "month", "deposit_avg")
    present = [figure for figure in figures if figure[:2] in wanted]
    return period_daily_average(present) if present else None
