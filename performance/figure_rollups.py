"""Keeping `CustomerYearFigure` in step with `MonthlyFigure`: one INSERT … SELECT … ON
CONFLICT per year, set-based, on PostgreSQL and SQLite alike, writing each row once.

The columns of the quarters an import changed are recomputed from their months for the
customers whose figures it inserted or changed (an unchanged month rewrites nothing), or
every quarter for every customer (`rollup_all`, after figures written in bulk). The
evaluation then reads one row per customer and year (R-ELG-1). Both end by telling the
dashboard's cache that the figures changed.
"""

from django.db import connection

from .analytic_sql import analytic_cursor
from .dashboard_cache import data_changed
from .figure_staging import CHANGED
from .models import QUARTERS, CustomerYearFigure, MonthlyFigure
from .models.figures import NON_PERFORMING_FROM

FIGURES = MonthlyFigure._meta.db_table
ROLLUPS = CustomerYearFigure._meta.db_table


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


def _quarter_values(quarter: int) -> list[str]:
    """The expressions of one quarter's columns over a year's figures `f`."""
    first, last = 3 * quarter - 2, 3 * quarter
    within = f"f.month BETWEEN {first} AND {last}"
    return [
        f"CAST(SUM(CASE WHEN {within} THEN f.days * f.deposit_avg ELSE 0 END) * 100 AS BIGINT)",
        f"CAST(SUM(CASE WHEN {within} THEN f.days * f.loan_avg ELSE 0 END) * 100 AS BIGINT)",
        f"CAST(SUM(CASE WHEN {within} THEN f.settlement_usd ELSE 0 END) * 100 AS BIGINT)",
        f"MAX(CASE WHEN {within} AND f.loan_class >= {NON_PERFORMING_FROM} THEN 1 ELSE 0 END) = 1",
        f"MAX(CASE WHEN {within} AND f.interest_arrears > 0 THEN 1 ELSE 0 END) = 1",
        f"MAX(CASE WHEN {within} AND f.advances > 0 THEN 1 ELSE 0 END) = 1",
        f"MAX(CASE WHEN f.month = {last} THEN f.loan_class END)",
        f"MAX(CASE WHEN {within} THEN f.overdue_days ELSE 0 END)",
    ]


def _rollup_sql(quarters: list[int], only_changed: bool) -> str:
    """One statement writing the columns of `quarters` of a year (`%(year)s`), each row
    once: for every customer with figures in them, or only those an import changed."""
    first, last = 3 * min(quarters) - 2, 3 * max(quarters)
    columns = [column for quarter in quarters for column in _columns(quarter)]
    values = [value for quarter in quarters for value in _quarter_values(quarter)]
    touched = (
        f"JOIN (SELECT DISTINCT customer_id FROM {CHANGED}"
        f" WHERE year = %(year)s AND month BETWEEN {first} AND {last}) changed"
        f" ON changed.customer_id = f.customer_id"
        if only_changed
        else ""
    )
    updates = ", ".join(f"{column} = excluded.{column}" for column in columns)
    return f"""
        INSERT INTO {ROLLUPS} (customer_id, year, {", ".join(columns)})
        SELECT f.customer_id, %(year)s, {", ".join(values)}
        FROM {FIGURES} f {touched}
        WHERE f.year = %(year)s AND f.month BETWEEN {first} AND {last}
        GROUP BY f.customer_id
        ON CONFLICT (year, customer_id) DO UPDATE SET {updates}
    """


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def rollup_changed() -> None:
    """Recompute the quarters of the customer-months the import in progress inserted or
    changed (its `figure_changed` table), for those customers only."""
    with analytic_cursor() as cursor:
        cursor.execute(f"ANALYZE {CHANGED}" if connection.vendor == "postgresql" else "SELECT 1")
        cursor.execute(f"SELECT DISTINCT year, month FROM {CHANGED}")
        quarters_of: dict[int, set[int]] = {}
        for year, month in cursor.fetchall():
            quarters_of.setdefault(year, set()).add(quarter_of(month))
        for year, quarters in sorted(quarters_of.items()):
            cursor.execute(_rollup_sql(sorted(quarters), only_changed=True), {"year": year})
    data_changed()


def rollup_all(years: list[int]) -> None:
    """Recompute every customer's roll-ups of `years` (after figures written in bulk)."""
    with analytic_cursor() as cursor:
        for year in years:
            cursor.execute(_rollup_sql(list(QUARTERS), only_changed=False), {"year": year})
    data_changed()
