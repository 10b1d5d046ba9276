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

from .analytic_sql import analytic_cursor
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


def days_in(year: int, months: range) -> int:
    """The number of days in `months` of `year`."""
    return sum(MONTH_DAYS[(year, month)] for month in months)


def in_scope(column: str, scope_path: str, table: str = "") -> str:
    """`AND` the condition that `column` (a unit id, or with `table` the id of a row of
    `table` that has a unit) lies under `scope_path` (`%(scope)s`); nothing for the whole
    bank, so a whole-bank run joins no org table."""
    if not scope_path:
        return ""
    units = f"SELECT id FROM {UNITS} WHERE path LIKE %(scope)s"
    if table:
        units = f"SELECT id FROM {table} WHERE unit_id IN ({units})"
    return f"AND {column} IN ({units})"


def _quarter_sum(alias: str, column: str, quarters: range) -> str:
    return " + ".join(f"{alias}.{column}_q{quarter}" for quarter in quarters)


def _any(alias: str, column: str, quarters: range) -> str:
    return " OR ".join(f"{alias}.{column}_q{quarter}" for quarter in quarters)


def rounded_fen(total: str, divisor: int) -> str:
    """`total` / `divisor` rounded half up to a whole number (fen), in integer arithmetic:
    the same as `figure_rules` rounding a yuan average to the cent."""
    return f"((2 * ({total}) + {divisor}) / {2 * divisor})"


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


NO_SUMS = FloorSums(0, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO)


BAND_FIELDS = [
    ("customers", "COUNT(*)"),
    ("deposits", "SUM(c_dep)"),
    ("largest_deposit", "MAX(c_dep)"),
    ("loans", "SUM(c_loan)"),
    ("largest_loan", "MAX(c_loan)"),
    ("settlement_usd", "SUM(c_settle)"),
    ("last_year_deposits", "SUM(c_last)"),
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
FLOOR_FIELDS = [name for name, _sql in BAND_FIELDS[:7]]
OTHER_FIELDS = [name for name, _sql in BAND_FIELDS[7:]]


def _statement(year: int, quarter: int, scope_path: str, floors: list[Decimal]) -> str:
    so_far, whole_year = range(1, quarter + 1), range(1, 5)
    days_so_far = days_in(year, range(1, 3 * quarter + 1))
    days_last_year = days_in(year - 1, range(1, 13))
    days_quarter = days_in(year, range(3 * quarter - 2, 3 * quarter + 1))
    settlement = _quarter_sum("t", "settlement_usd", so_far)
    last_year = _quarter_sum("l", "deposit_days", whole_year)
    this_quarter = f"t.deposit_days_q{quarter}"
    bands = " ".join(
        f"WHEN dep >= %(floor_{index})s THEN {index}" for index in reversed(range(1, len(floors)))
    )
    aggregates = ", ".join(f"{sql} AS {name}" for name, sql in BAND_FIELDS)
    # PostgreSQL would inline the subqueries and compute each expression once per use;
    # OFFSET 0 keeps each computed once per row (SQLite, the demo's, needs no such hint).
    once = "OFFSET 0" if connection.vendor == "postgresql" else ""
    return f"""
    SELECT manager_id, band, {aggregates}
    FROM (
        SELECT manager_id, is_credit, np, arrears, advances, class_now, class_before,
            CASE {bands} ELSE 0 END AS band,
            {_credited("dep", "baseline")} AS c_dep,
            {_credited("loan", "0")} AS c_loan,
            {_credited("settle", "0")} AS c_settle,
            {_credited("last_dep", "baseline")} AS c_last,
            {_credited("quarter_dep", "baseline")} AS c_quarter
        FROM (
            SELECT a.manager_id, a.basis, c.is_credit,
                CAST(ROUND(a.credit_share * 10000) AS BIGINT) AS share,
                CAST(ROUND(COALESCE(a.baseline_deposit_avg, 0) * 100) AS BIGINT) AS baseline,
                COALESCE({rounded_fen(_quarter_sum("t", "deposit_days", so_far), days_so_far)}, 0)
                    AS dep,
                COALESCE({rounded_fen(_quarter_sum("t", "loan_days", so_far), days_so_far)}, 0)
                    AS loan,
                COALESCE({rounded_fen(f"4 * ({settlement})", quarter)}, 0) AS settle,
                COALESCE({rounded_fen(last_year, days_last_year)}, 0) AS last_dep,
                COALESCE({rounded_fen(this_quarter, days_quarter)}, 0) AS quarter_dep,
                COALESCE({_any("t", "non_performing", so_far)}, false) AS np,
                COALESCE({_any("t", "arrears", so_far)}, false) AS arrears,
                COALESCE({_any("t", "advances", so_far)}, false) AS advances,
                t.loan_class_end_q{quarter} AS class_now,
                l.loan_class_end_q4 AS class_before
            FROM {ASSIGNMENTS} a
            JOIN {CUSTOMERS} c ON c.id = a.customer_id
            LEFT JOIN {ROLLUPS} t ON t.customer_id = a.customer_id AND t.year = %(year)s
            LEFT JOIN {ROLLUPS} l ON l.customer_id = a.customer_id AND l.year = %(last_year)s
            WHERE a.start_date <= %(end)s AND (a.end_date IS NULL OR a.end_date >= %(end)s)
                {in_scope("a.manager_id", scope_path, MANAGERS)}
            {once}
        ) figures
        {once}
    ) credited
    GROUP BY manager_id, band
    """


def manager_sums(
    year: int, quarter: int, scope_path: str, floors: list[Decimal]
) -> dict[int, ManagerSums]:
    """Per account manager (id) of the units under `scope_path` ("" for the whole bank)
    holding at least one customer at the end of the quarter, their sums on each floor."""
    floors = sorted({*floors, ZERO})
    params = {
        "year": year,
        "last_year": year - 1,
        "end": quarter_end(year, quarter),
        "scope": scope_path + "%",
        **{f"floor_{index}": int(floor * 100) for index, floor in enumerate(floors)},
    }
    with analytic_cursor() as cursor:
        cursor.execute(_statement(year, quarter, scope_path, floors), params)
        rows = cursor.fetchall()
    bands_of: dict[int, dict[int, dict]] = {}
    for manager_id, band, *values in rows:
        bands_of.setdefault(manager_id, {})[band] = {
            name: _typed(name, value)
            for (name, _sql), value in zip(BAND_FIELDS, values, strict=True)
        }
    return {manager_id: _cumulated(bands, floors) for manager_id, bands in bands_of.items()}


def no_sums(floors: list[Decimal]) -> ManagerSums:
    """The sums of a manager holding no customer."""
    return _cumulated({}, sorted({*floors, ZERO}))


def _cumulated(bands: dict[int, dict], floors: list[Decimal]) -> ManagerSums:
    """A customer in band b reaches floors 0 to b, so floor i sums the bands from i up."""
    by_floor = {}
    running = NO_SUMS
    for index in reversed(range(len(floors))):
        if index in bands:
            running = _plus(running, bands[index])
        by_floor[floors[index]] = running
    others = {name: sum(band[name] for band in bands.values()) for name in OTHER_FIELDS}
    others["quarter_deposits"] = Decimal(others["quarter_deposits"])  # 0 with no band
    return ManagerSums(by_floor=by_floor, **others)


def _plus(sums: FloorSums, band: dict) -> FloorSums:
    return FloorSums(
        customers=sums.customers + band["customers"],
        deposits=sums.deposits + band["deposits"],
        largest_deposit=max(sums.largest_deposit, band["largest_deposit"]),
        loans=sums.loans + band["loans"],
        largest_loan=max(sums.largest_loan, band["largest_loan"]),
        settlement_usd=sums.settlement_usd + band["settlement_usd"],
        last_year_deposits=sums.last_year_deposits + band["last_year_deposits"],
    )


COUNTS = {
    "customers",
    "credit_customers",
    "non_performing",
    "arrears",
    "advances",
    "normal_share_not_rising",
}


def _typed(name: str, value):
    """Counts as int; credited amounts, summed in millionths of a yuan (share in
    ten-thousandths × fen), as exact Decimal yuan; NULL as 0."""
    if name in COUNTS:
        return int(value or 0)
    return Decimal(int(value or 0)).scaleb(-6)
