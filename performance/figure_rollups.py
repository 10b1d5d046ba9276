"""Keeping `CustomerYearFigure` in step with `MonthlyFigure`: one INSERT … SELECT … ON
CONFLICT per quarter, set-based, on PostgreSQL and SQLite alike.

A quarter's columns are recomputed from its (up to three) months for the customers an
import touched in that quarter, or for every customer (`rollup_all`, used after generating
figures in bulk). The evaluation then reads one row per customer and year (R-ELG-1).
"""

from customers.models import Customer

from .analytic_sql import analytic_cursor
from .figure_staging import TABLE as STAGING
from .models import QUARTERS, CustomerYearFigure, MonthlyFigure
from .models.figures import NON_PERFORMING_FROM

FIGURES = MonthlyFigure._meta.db_table
ROLLUPS = CustomerYearFigure._meta.db_table
CUSTOMERS = Customer._meta.db_table


def _columns(quarter: int) -> list[str]:
    return [
        f"deposit_days_q{quarter}",
        f"loan_days_q{quarter}",
        f"settlement_usd_q{quarter}",
        f"non_performing_q{quarter}",
        f"arrears_q{quarter}",
        f"advances_q{quarter}",
        f"loan_class_end_q{quarter}",
        f"overdue_days_max_q{quarter}",
    ]


def _quarter_sql(quarter: int, only_staged: bool) -> str:
    first, last = 3 * quarter - 2, 3 * quarter
    columns = _columns(quarter)
    touched = (
        f"AND f.customer_id IN (SELECT c.id FROM {STAGING} s JOIN {CUSTOMERS} c"
        f" ON c.number = s.customer_number"
        f" WHERE s.year = %(year)s AND s.month BETWEEN {first} AND {last})"
        if only_staged
        else ""
    )
    updates = ", ".join(f"{column} = excluded.{column}" for column in columns)
    return f"""
        INSERT INTO {ROLLUPS} (customer_id, year, {", ".join(columns)})
        SELECT f.customer_id, %(year)s,
            SUM(f.days * f.deposit_avg),
            SUM(f.days * f.loan_avg),
            SUM(f.settlement_usd),
            MAX(CASE WHEN f.loan_class >= {NON_PERFORMING_FROM} THEN 1 ELSE 0 END) = 1,
            MAX(CASE WHEN f.interest_arrears > 0 THEN 1 ELSE 0 END) = 1,
            MAX(CASE WHEN f.advances > 0 THEN 1 ELSE 0 END) = 1,
            MAX(CASE WHEN f.month = {last} THEN f.loan_class END),
            MAX(f.overdue_days)
        FROM {FIGURES} f
        WHERE f.year = %(year)s AND f.month BETWEEN {first} AND {last} {touched}
        GROUP BY f.customer_id
        ON CONFLICT (year, customer_id) DO UPDATE SET {updates}
    """


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def rollup_staged(months: list[tuple[int, int]]) -> None:
    """Recompute the quarters holding `months` ((year, month) pairs) for the customers the
    staging table of the import in progress has figures for in those quarters."""
    quarters = sorted({(year, quarter_of(month)) for year, month in months})
    with analytic_cursor() as cursor:
        for year, quarter in quarters:
            cursor.execute(_quarter_sql(quarter, only_staged=True), {"year": year})


def rollup_all(years: list[int]) -> None:
    """Recompute every customer's roll-ups of `years` (after figures written in bulk)."""
    with analytic_cursor() as cursor:
        for year in years:
            for quarter in QUARTERS:
                cursor.execute(_quarter_sql(quarter, only_staged=False), {"year": year})
