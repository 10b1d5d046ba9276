"""Figures, targets and a first evaluation for the demo bank (DOMAIN §3, R-ELG-1…5,
R-JNL-2): the monthly figures the data warehouse would have sent for every month before
DEMO_TODAY (2025-01 … 2026-10), as one recorded import, rolled up; each account manager's
targets for 2026; and the evaluation of 2026Q3 for the whole bank, run at once.

Deterministic (its own seeded generator). Balances are log-normal, from each customer's
`deposit_daily_avg`/`loan_balance`, with monthly noise. So that the evaluation shows every
suggested action, each account manager's book is then scaled to a plan drawn for their
grade: most land at their grade, some above the next one, some below theirs, a few under
the minimum line (the rules are the rule set's; only the balances are chosen). A few
credit customers have a non-performing class, arrears or an advance in some month; a few
corporate customers have international settlement. Customers handed over with a baseline
are not scaled, so that the baseline keeps its meaning. The customers' "latest figures"
are then the last month's.

Runs on SQLite (`make run`) and PostgreSQL alike. The figures are generated in Python and
written in batches of tuples (COPY on PostgreSQL): the small demo's 64,000 figures take
about a second; the bench size (48,500 customers, 1.07 million figures) about a minute in
all, targets and evaluation included. The 500,000-customer bank of `bench/evaluation.py`
is generated with set-based SQL instead (`bench/bank_generator.py`).
"""

import hashlib
import math
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from customers.choices import CreditBasis, CustomerKind
from customers.models import Assignment, Customer
from managers.demo import DEMO_TODAY, DemoBank
from managers.models import AccountManager, User

from . import rule_sets
from .analytic_sql import copy_tuples
from .evaluations import EVALUATED_STATUSES, evaluation_run
from .figure_files import MONTH_DAYS
from .figure_rollups import rollup_all
from .figure_rules import CustomerFigures, credit
from .models import Evaluation, FigureImport, ImportStatus, MonthlyFigure, MonthlyTarget
from .rule_defaults import GradeCriteria, MinimumLine

YEAR, QUARTER = 2026, 3  # the period evaluated for the demo
MONTHS = [
    (year, month)
    for year in (YEAR - 1, YEAR)
    for month in range(1, 13)
    if date(year, month, 1) < DEMO_TODAY.replace(day=1)
]
WRITE_EVERY = 50_000  # figures held in memory between writes
FIGURES = MonthlyFigure._meta.db_table
FIGURE_COLUMNS = (
    "customer_id",
    "year",
    "month",
    "days",
    "deposit_avg",
    "loan_avg",
    "settlement_usd",
    "loan_class",
    "interest_arrears",
    "overdue_days",
    "advances",
    "figure_import_id",
)

# How an account manager's book compares with their grade (weights): above it (the next
# grade up), at it, below it (the next grade down), under the minimum line.
OUTCOMES = {"above": 22, "at": 48, "below": 18, "under_line": 12}
DEPOSIT_NOISE, LOAN_NOISE = 0.08, 0.03  # sigma of the monthly log-normal noise
# Shares of credit customers with a non-performing class from some month on, a
# special-mention class, interest arrears in one month, an advance in one month.
NON_PERFORMING, SPECIAL_MENTION, ARREARS, ADVANCES = 0.004, 0.04, 0.004, 0.002
SETTLING = 0.10  # share of corporate customers with international settlement
TARGET_OVER_BOOK = (1.0, 1.3)  # R-JNL-2: targets above what the book credits today
WAN = Decimal("1E4")  # targets are round 万


@dataclass(frozen=True)
class Plan:
    """What one account manager's book adds up to in 2026 (credited yuan): deposits of
    the customers at or above `floor`, a biggest customer of at least `largest`, loans,
    and the growth of deposits over 2025."""

    deposits: float
    floor: float
    largest: float
    loans: float
    growth: float


@dataclass(frozen=True)
class Holding:
    customer_id: int
    share: float
    deposits: float
    loans: float


@dataclass(frozen=True)
class Level:
    """A customer's daily averages in 2026, before noise; 2025's deposits are
    `deposits / (1 + growth)`."""

    deposits: float
    loans: float
    growth: float


def plan_for(
    grade_code: str, criteria: tuple[GradeCriteria, ...], line: MinimumLine, rng: random.Random
) -> Plan:
    """A book around the thresholds of `grade_code` (R-ELG-2, R-ELG-4), by a drawn outcome:
    a little above the minimums of the grade aimed at, under those of the grade above it.
    Grades asking two criteria (or only new deposits) get the growth for new deposits."""
    codes = [grade.code for grade in criteria]  # most senior first
    index = codes.index(grade_code)
    outcome = rng.choices(list(OUTCOMES), list(OUTCOMES.values()))[0]
    aimed = {"above": max(index - 1, 0), "at": index, "below": index + 1}.get(outcome)
    if aimed is None or aimed == len(codes):
        deposits = float(line.deposit_min_for(grade_code)) * rng.uniform(0.3, 0.9)
        loans = deposits * rng.uniform(0, 0.5)
        return Plan(deposits, float(line.customer_min), largest=0, loans=loans, growth=0)
    grade = criteria[aimed]
    minimum = grade.deposit_min or line.deposit_min_for(grade.code)
    deposits = float(minimum) * rng.uniform(1.05, 1.35)
    if aimed > 0 and criteria[aimed - 1].deposit_min is not None:
        deposits = min(deposits, float(criteria[aimed - 1].deposit_min) * 0.92)
    if grade.new_deposit_min and (grade.criteria_needed > 1 or grade.deposit_min is None):
        new = min(float(grade.new_deposit_min) * rng.uniform(1.15, 1.45), deposits * 0.9)
    else:
        new = deposits * rng.uniform(-0.08, 0.06)
    return Plan(
        deposits=deposits,
        floor=float(grade.customer_floor),
        largest=float(grade.deposit_single_customer_min or 0) * 1.1,
        loans=deposits * rng.uniform(0.2, 0.9),  # under the loan minimum of every grade
        growth=new / (deposits - new),
    )


def scale_to(wanted: float, book: list[Holding], floor: float) -> float:
    """The factor that brings the credited deposits of the customers at or above `floor`
    to `wanted`; a few rounds, since which customers reach the floor depends on it."""
    scale = 1.0
    for _round in range(8):
        counted = sum(h.share * h.deposits for h in book if h.deposits * scale >= floor)
        scale = max(wanted / counted, 0.05) if counted else scale * 2
    return scale


def levels_for(plan: Plan, book: list[Holding]) -> dict[int, Level]:
    """Scale a book to its plan: deposits by one factor, except the biggest customer when
    it would fall short of the single-customer minimum (it is raised to it); loans by one
    factor."""
    lead = max(book, key=lambda holding: holding.share * holding.deposits)
    scale = scale_to(plan.deposits, book, plan.floor)
    lead_deposits = lead.deposits * scale
    if lead.share * lead_deposits < plan.largest:
        lead_deposits = plan.largest / lead.share
        others = [holding for holding in book if holding is not lead]
        scale = scale_to(plan.deposits - plan.largest, others, plan.floor)
    loans = sum(holding.share * holding.loans for holding in book)
    loan_scale = plan.loans / loans if loans else 0
    return {
        holding.customer_id: Level(
            deposits=lead_deposits if holding is lead else holding.deposits * scale,
            loans=holding.loans * loan_scale,
            growth=plan.growth,
        )
        for holding in book
    }


def customer_levels(rng: random.Random) -> dict[int, Level]:
    """Every customer's level: scaled to the plan of the account manager holding the
    biggest share of it, unscaled when handed over with a baseline or not held."""
    rule_set = rule_sets.rule_set_in_force(YEAR)
    criteria, line = rule_sets.criteria_of(rule_set), rule_set.minimum_line()
    grades = dict(
        AccountManager.objects.filter(status__in=EVALUATED_STATUSES)
        .exclude(current_appointment=None)
        .order_by("pk")
        .values_list("pk", "current_appointment__level__code")
    )
    holders = defaultdict(list)
    for customer_id, manager_id, share, basis in Assignment.objects.filter(
        end_date__isnull=True
    ).values_list("customer_id", "manager_id", "credit_share", "basis"):
        holders[customer_id].append((manager_id, float(share), basis))
    levels, books = {}, defaultdict(list)
    for pk, deposits, loans in Customer.objects.order_by("pk").values_list(
        "pk", "deposit_daily_avg", "loan_balance"
    ):
        mine = holders.get(pk, [])
        manager_id, share, _basis = max(mine, key=lambda h: h[1], default=(None, 0, None))
        if manager_id in grades and all(h[2] == CreditBasis.WHOLE for h in mine):
            books[manager_id].append(Holding(pk, share, float(deposits), float(loans)))
        else:
            levels[pk] = Level(float(deposits), float(loans), rng.uniform(-0.05, 0.15))
    for manager_id, grade_code in grades.items():
        if books[manager_id]:
            plan = plan_for(grade_code, criteria, line, rng)
            levels.update(levels_for(plan, books[manager_id]))
    return levels


def _money(amount: float) -> Decimal:
    return Decimal(f"{amount:.2f}")


def _noisy(amount: float, sigma: float, rng: random.Random) -> float:
    return amount * math.exp(rng.gauss(0, sigma))


def customer_figures(
    pk: int, corporate: bool, level: Level, import_id: int, rng: random.Random
) -> Iterator[tuple]:
    """One customer's figures for every month of `MONTHS`, as rows of `FIGURE_COLUMNS`."""
    credit_customer = level.loans > 0
    never = len(MONTHS)

    def month_if(share: float) -> int:
        """A month for a loan event of this share of the credit customers."""
        drawn = credit_customer and rng.random() < share
        return rng.randrange(len(MONTHS)) if drawn else never

    non_performing_from, mention_from = month_if(NON_PERFORMING), month_if(SPECIAL_MENTION)
    arrears_in, advance_in = month_if(ARREARS), month_if(ADVANCES)
    settling = corporate and rng.random() < SETTLING
    settlement = level.deposits * rng.uniform(0.005, 0.03) / 7  # USD a month
    for index, (year, month) in enumerate(MONTHS):
        deposits = level.deposits if year == YEAR else level.deposits / (1 + level.growth)
        loans = _noisy(level.loans, LOAN_NOISE, rng) if credit_customer else 0
        loan_class = None
        if credit_customer:
            loan_class = 1 + (index >= mention_from)
            if index >= non_performing_from:
                loan_class = min(3 + (index - non_performing_from) // 4, 5)
        yield (
            pk,
            year,
            month,
            MONTH_DAYS[(year, month)],
            _money(_noisy(deposits, DEPOSIT_NOISE, rng)),
            _money(loans),
            _money(_noisy(settlement, 0.5, rng) if settling else 0),
            loan_class,
            _money(loans * 0.004 if index == arrears_in else 0),
            rng.randint(5, 90) if index == arrears_in else 0,
            _money(loans * 0.1 if index == advance_in else 0),
            import_id,
        )


def insert_figures(rows: list[tuple]) -> None:
    """Plain tuples, not model instances through `bulk_create`: several times faster."""
    copy_tuples(FIGURES, FIGURE_COLUMNS, rows)


def write_figures(levels: dict[int, Level], by: User, rng: random.Random) -> FigureImport:
    """All customers' figures as one recorded import, written in batches; then each
    customer's latest figures known are the last month's."""
    months = [f"{year}-{month:02d}" for year, month in MONTHS]
    record = FigureImport.objects.create(
        created_by=by,
        file_name="demo",
        file_format="csv",
        checksum=hashlib.sha256(" ".join(["demo", *months]).encode()).hexdigest(),
        status=ImportStatus.DONE,
        progress=100,
        finished_at=timezone.now(),
        months=months,
    )
    pending: list[tuple] = []
    written = 0
    for pk, kind in Customer.objects.order_by("pk").values_list("pk", "kind"):
        corporate = kind == CustomerKind.CORPORATE
        pending.extend(customer_figures(pk, corporate, levels[pk], record.pk, rng))
        if len(pending) >= WRITE_EVERY:
            insert_figures(pending)
            written, pending = written + len(pending), []
    insert_figures(pending)
    written += len(pending)
    FigureImport.objects.filter(pk=record.pk).update(rows_total=written, rows_created=written)
    last = MonthlyFigure.objects.filter(
        customer=OuterRef("pk"), year=MONTHS[-1][0], month=MONTHS[-1][1]
    )
    Customer.objects.update(
        deposit_daily_avg=Subquery(last.values("deposit_avg")[:1]),
        loan_balance=Subquery(last.values("loan_avg")[:1]),
    )
    return record


def write_targets(levels: dict[int, Level], by: User, rng: random.Random) -> None:
    """R-JNL-2: each evaluated account manager's monthly targets for 2026, 0–30% above
    the deposits (and loans) their customers credit them with, rising through the year."""
    booked: dict[int, CustomerFigures] = defaultdict(CustomerFigures)
    for customer_id, manager_id, share, basis, baseline in (
        Assignment.objects.filter(end_date__isnull=True, manager__status__in=EVALUATED_STATUSES)
        .order_by("pk")
        .values_list("customer_id", "manager_id", "credit_share", "basis", "baseline_deposit_avg")
    ):
        level = levels[customer_id]
        part = credit(
            CustomerFigures(_money(level.deposits), _money(level.loans)),
            share,
            basis,
            baseline or Decimal(0),
        )
        total = booked[manager_id]
        booked[manager_id] = CustomerFigures(
            total.deposit_avg + part.deposit_avg, total.loan_avg + part.loan_avg
        )
    targets = []
    for manager_id, total in sorted(booked.items()):
        ambition = Decimal(str(round(rng.uniform(*TARGET_OVER_BOOK), 3)))
        for month in range(1, 13):
            step = ambition * (Decimal("0.95") + Decimal(month) / 100)
            targets.append(
                MonthlyTarget(
                    manager_id=manager_id,
                    year=YEAR,
                    month=month,
                    deposit_avg=(total.deposit_avg * step).quantize(WAN),
                    loan_avg=(total.loan_avg * step).quantize(WAN) if total.loan_avg else None,
                )
            )
    bulk_create_with_history(targets, MonthlyTarget, batch_size=5_000, default_user=by)


def seed_figures(bank: DemoBank) -> Evaluation:
    """Figures, roll-ups, targets, and the whole bank's evaluations of 2026Q2 and 2026Q3,
    run here rather than by a worker; returns the latest."""
    rng = random.Random("demo-figures")
    levels = customer_levels(rng)
    write_figures(levels, bank.logins["api"], rng)
    rollup_all(sorted({year for year, _month in MONTHS}))
    write_targets(levels, bank.logins["hr"], rng)
    for quarter in (QUARTER - 1, QUARTER):  # the one before too: the dashboard compares
        evaluation = Evaluation.objects.create(
            year=YEAR,
            quarter=quarter,
            scope_path="",
            requested_by=bank.logins["hr"],
            requested_at=timezone.now(),
        )
        evaluation = evaluation_run(evaluation)
    return evaluation
