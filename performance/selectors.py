"""Scoped reads shared by the performance pages and API, and a customer's figures read
outside the evaluation."""

from datetime import date
from decimal import Decimal

from .figure_rules import period_daily_average
from .models import Evaluation, FigureImport, MonthlyFigure


def visible_evaluations(user):
    """The evaluations `user` may see (`Evaluation.objects.restrict`), with what lists show."""
    return Evaluation.objects.restrict(user).select_related("unit", "requested_by", "rule_set")


def visible_imports(user):
    """Whole-bank users (admins included) see every figure import, other importers their
    own. The file itself (`content`, up to the size limit while queued) is never loaded."""
    imports = FigureImport.objects.select_related("created_by").defer("content")
    return imports if user.sees_whole_bank else imports.filter(created_by=user)


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
