"""The data of the dashboard's ECharts (passed with `json_script`, drawn by
`static/js/dashboard.js`): plain numbers in 万元 and translated labels."""

from decimal import Decimal

from django.utils.translation import gettext as _

from .dashboard_selectors import GradeRow, MonthFigures, UnitFigures

TEN_THOUSAND = Decimal(10000)


def wan_number(amount: Decimal | None) -> float | None:
    """Yuan → 万元 as a JSON number with two decimals."""
    return None if amount is None else float(round(amount / TEN_THOUSAND, 2))


def trend_chart(months: list[MonthFigures]) -> dict:
    """Deposits and loans (万元) per month, and the NPL ratio (%) on a second axis."""
    return {
        "labels": [_("Month %(month)s") % {"month": row.month} for row in months],
        "series": [
            {"name": _("Deposits (10,000 yuan)"), "data": [wan_number(r.deposits) for r in months]},
            {"name": _("Loans (10,000 yuan)"), "data": [wan_number(r.loans) for r in months]},
        ],
        "ratio": {
            "name": _("NPL ratio (%)"),
            "data": [None if r.npl_ratio is None else float(r.npl_ratio * 100) for r in months],
        },
    }


def grade_chart(rows: list[GradeRow]) -> dict:
    return {
        "labels": [row.name or _("No grade") for row in rows],
        "series": [
            {"name": _("Current grade"), "data": [row.current for row in rows]},
            {"name": _("Eligible grade"), "data": [row.eligible for row in rows]},
        ],
    }


def unit_chart(rows: list[UnitFigures], urls: list[str]) -> dict:
    return {
        "labels": [row.unit.name for row in rows],
        "urls": urls,
        "series": [
            {"name": _("Deposits (10,000 yuan)"), "data": [wan_number(r.deposits) for r in rows]},
            {"name": _("Loans (10,000 yuan)"), "data": [wan_number(r.loans) for r in rows]},
        ],
    }
