"""The set-based half of an evaluation: one SQL statement sums, per account manager, the
figures of the customers they hold at the period's end, credited by share and basis
(R-CUS-4), on every customer floor the rule set uses (R-ELG-2, R-ELG-4).

It reads the yearly roll-ups (`CustomerYearFigure`: one row per customer and year), never
the monthly figures, and returns one row per account manager: what the pure rules
(`performance.rules.judge`) need, nothing per customer. Written to run unchanged on
PostgreSQL and on SQLite (the embedded demo): CASE instead of GREATEST/LEAST.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection

from customers.models import Assignment, Customer
from managers.models import AccountManager, OrgUnit

from .figure_files import MONTH_DAYS
from .models import CustomerYearFigure

ASSIGNMENTS = Assignment._meta.db_table
CUSTOMERS = Customer._meta.db_table
MANAGERS = AccountManager._meta.db_table
UNITS = OrgUnit._meta.db_table
ROLLUPS = CustomerYearFigure._meta.db_table
ZERO = Decimal("0")


def quarter_end(year: int, quarter: int) -> date:
    month = 3 * quarter
    return date(year, month, MONTH_DAYS[(year, month)])


def _days(year: int, months: range) -> int:
    return sum(MONTH_DAYS[(year, month)] for month in months)


def _quarter_sum(alias: str, column: str, quarters: range) -> str:
    return " + ".join(f"{alias}.{column}_q{quarter}" for quarter in quarters)


def _any(alias: str, column: str, quarters: range) -> str:
    return " OR ".join(f"{alias}.{column}_q{quarter}" for quarter in quarters)


def _credited(amount: str, baseline: str) -> str:
    """R-CUS-4, as `figure_rules.credit`: whole; increase over the baseline; up to it."""
    return f"""(share * CASE basis
        WHEN 'whole' THEN {amount}
        WHEN 'increase' THEN CASE WHEN {amount} > {baseline} THEN {amount} - {baseline} ELSE 0 END
        ELSE CASE WHEN {amount} < {baseline} THEN {amount} ELSE {baseline} END END)"""


@dataclass(frozen=True)
class FloorSums:
    """The credited figures of one manager's customers whose own daily-average deposits
    reach one floor. `largest_*` is the biggest single credited customer."""

    customers: int
    deposits: Decimal
    largest_deposit: Decimal
    loans: Decimal
    largest_loan: Decimal
    settlement_usd: Decimal
    last_year_deposits: Decimal


@dataclass(frozen=True)
class ManagerSums:
    by_floor: dict[Decimal, FloorSums]
    credit_customers: int
    non_performing: int
    arrears: int
    advances: int
    normal_share_not_rising: int
    quarter_deposits: Decimal  # credited daily average of the quarter alone (R-JNL-2)


FLOOR_FIELDS = [
    ("customers", "SUM(CASE WHEN dep >= {f} THEN 1 ELSE 0 END)"),
    ("deposits", "SUM(CASE WHEN dep >= {f} THEN c_dep ELSE 0 END)"),
    ("largest_deposit", "MAX(CASE WHEN dep >= {f} THEN c_dep ELSE 0 END)"),
    ("loans", "SUM(CASE WHEN dep >= {f} THEN c_loan ELSE 0 END)"),
    ("largest_loan", "MAX(CASE WHEN dep >= {f} THEN c_loan ELSE 0 END)"),
    ("settlement_usd", "SUM(CASE WHEN dep >= {f} THEN c_settle ELSE 0 END)"),
    ("last_year_deposits", "SUM(CASE WHEN dep >= {f} THEN c_last ELSE 0 END)"),
]
OTHER_FIELDS = [
    ("credit_customers", "SUM(CASE WHEN is_credit THEN 1 ELSE 0 END)"),
    ("non_performing", "SUM(CASE WHEN np THEN 1 ELSE 0 END)"),
    ("arrears", "SUM(CASE WHEN arrears THEN 1 ELSE 0 END)"),
    ("advances", "SUM(CASE WHEN advances THEN 1 ELSE 0 END)"),
    (
        "normal_share_not_rising",
        "SUM(CASE WHEN class_now <> 1 AND class_before IS NOT NULL THEN 1 ELSE 0 END)",
    ),
    ("quarter_deposits", "SUM(c_quarter)"),
]


def _statement(year: int, quarter: int, floors: list[Decimal]) -> str:
    so_far, whole_year = range(1, quarter + 1), range(1, 5)
    days_so_far = _days(year, range(1, 3 * quarter + 1))
    days_last_year = _days(year - 1, range(1, 13))
    days_quarter = _days(year, range(3 * quarter - 2, 3 * quarter + 1))
    aggregates = [
        f"{template.format(f=f'CAST(%(floor_{index})s AS NUMERIC)')} AS {name}_{index}"
        for index in range(len(floors))
        for name, template in FLOOR_FIELDS
    ] + [f"{template} AS {name}" for name, template in OTHER_FIELDS]
    return f"""
    SELECT manager_id, {", ".join(aggregates)}
    FROM (
        SELECT manager_id, is_credit, dep, np, arrears, advances, class_now, class_before,
            {_credited("dep", "baseline")} AS c_dep,
            {_credited("loan", "0")} AS c_loan,
            {_credited("settle", "0")} AS c_settle,
            {_credited("last_dep", "baseline")} AS c_last,
            {_credited("quarter_dep", "baseline")} AS c_quarter
        FROM (
            SELECT a.manager_id, a.credit_share AS share, a.basis, c.is_credit,
                COALESCE(a.baseline_deposit_avg, 0) AS baseline,
                COALESCE(ROUND(({_quarter_sum("t", "deposit_days", so_far)}) / {days_so_far}, 2),
                    0) AS dep,
                COALESCE(ROUND(({_quarter_sum("t", "loan_days", so_far)}) / {days_so_far}, 2),
                    0) AS loan,
                COALESCE(ROUND(({_quarter_sum("t", "settlement_usd", so_far)}) * 4 / {quarter},
                    2), 0) AS settle,
                COALESCE(ROUND(({_quarter_sum("l", "deposit_days", whole_year)})
                    / {days_last_year}, 2), 0) AS last_dep,
                COALESCE(ROUND(t.deposit_days_q{quarter} / {days_quarter}, 2), 0) AS quarter_dep,
                COALESCE({_any("t", "non_performing", so_far)}, false) AS np,
                COALESCE({_any("t", "arrears", so_far)}, false) AS arrears,
                COALESCE({_any("t", "advances", so_far)}, false) AS advances,
                t.loan_class_end_q{quarter} AS class_now,
                l.loan_class_end_q4 AS class_before
            FROM {ASSIGNMENTS} a
            JOIN {CUSTOMERS} c ON c.id = a.customer_id
            JOIN {MANAGERS} m ON m.id = a.manager_id
            JOIN {UNITS} u ON u.id = m.unit_id
            LEFT JOIN {ROLLUPS} t ON t.customer_id = a.customer_id AND t.year = %(year)s
            LEFT JOIN {ROLLUPS} l ON l.customer_id = a.customer_id AND l.year = %(last_year)s
            WHERE a.start_date <= %(end)s AND (a.end_date IS NULL OR a.end_date >= %(end)s)
                AND u.path LIKE %(scope)s
        ) figures
    ) credited
    GROUP BY manager_id
    """


def manager_sums(
    year: int, quarter: int, scope_path: str, floors: list[Decimal]
) -> dict[int, ManagerSums]:
    """Per account manager (id) of the units under `scope_path` ("" for the whole bank)
    holding at least one customer at the end of the quarter, their sums on each floor."""
    floors = sorted(set(floors))
    params = {
        "year": year,
        "last_year": year - 1,
        "end": quarter_end(year, quarter),
        "scope": scope_path + "%",
        **{f"floor_{index}": floor for index, floor in enumerate(floors)},
    }
    with connection.cursor() as cursor:
        cursor.execute(_statement(year, quarter, floors), params)
        names = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    sums = {}
    for row in rows:
        values = dict(zip(names, row, strict=True))
        sums[values["manager_id"]] = ManagerSums(
            by_floor={
                floor: FloorSums(
                    **{name: _typed(name, values[f"{name}_{index}"]) for name, _t in FLOOR_FIELDS}
                )
                for index, floor in enumerate(floors)
            },
            **{name: _typed(name, values[name]) for name, _t in OTHER_FIELDS},
        )
    return sums


COUNTS = {
    "customers",
    "credit_customers",
    "non_performing",
    "arrears",
    "advances",
    "normal_share_not_rising",
}


def _typed(name: str, value):
    """Counts as int, sums as Decimal (SQLite answers ints and floats), NULL as 0."""
    if name in COUNTS:
        return int(value or 0)
    if value is None:
        return ZERO
    return value if isinstance(value, Decimal) else Decimal(str(value))
