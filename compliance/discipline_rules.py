"""Which facts call for a disciplinary proposal (R-ELG-4, R-DIS-1, R-DIS-2). Pure
computation on plain values, no ORM: `discipline_triggers` reads the facts in a few
set-based queries and hands them here.

Readings of the sources, kept visible here so that compliance can correct them:
- "below 80% of plan for two consecutive quarters" (R-DIS-1): the quarter's plan
  completion (R-JNL-2: credited daily-average deposits over the quarter's target) under
  0.8 in two quarters that follow each other (Q4 and the next Q1 included). A run of
  failing quarters gives one proposal per pair: quarters 1–2, 3–4, … of the run.
- "overdue or in arrears over one month, or an acceptance advance" (R-DIS-1): a month
  with more than 30 days overdue, or interest arrears at the end of this month and of
  the month before, or any advance. Consecutive failing months are one episode, proposed
  once for whoever held the customer in the episode's first month.
- "below the minimum line in the year" (R-ELG-4): one yellow card per year, proposed
  from the first quarter of the year whose evaluation finds the line missed.
- "a second yellow card in the next year" (R-DIS-2): a confirmed card dated within 365
  days after the one before it.
- "still failing at the end" of an admonishment (R-DIS-1): the evaluation of the last
  quarter ending within the admonishment finds plan completion under 80% or the minimum
  line missed; below the line means exit (R-ELG-4), otherwise demotion by one grade, or
  exit when there is no lower grade.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import groupby, pairwise

from .choices_cases import DisciplineKind
from .discipline import YELLOW_CARD_REPEAT_DAYS

PLAN_FLOOR = Decimal("0.8")  # R-DIS-1: 80% of plan
OVERDUE_OVER_A_MONTH = 30  # R-DIS-1: overdue over one month (days)


@dataclass(frozen=True)
class QuarterResult:
    """An account manager's result in a finished evaluation (R-ELG-5)."""

    manager_id: int
    year: int
    quarter: int
    evaluation_id: int
    plan_completion: Decimal | None
    minimum_line_passed: bool
    line_deposits: str | None = None

    @property
    def index(self) -> int:
        return self.year * 4 + self.quarter - 1

    @property
    def period(self) -> str:
        return f"{self.year}Q{self.quarter}"

    @property
    def below_plan(self) -> bool:
        return self.plan_completion is not None and self.plan_completion < PLAN_FLOOR

    @property
    def failing(self) -> bool:
        return self.below_plan or not self.minimum_line_passed


def _by_manager(results: Iterable[QuarterResult]) -> Iterator[list[QuarterResult]]:
    ordered = sorted(results, key=lambda r: (r.manager_id, r.index))
    for _manager, rows in groupby(ordered, key=lambda r: r.manager_id):
        yield list(rows)


def below_plan_pairs(results: Iterable[QuarterResult]) -> list[tuple[QuarterResult, ...]]:
    """R-DIS-1: pairs of consecutive quarters below 80% of plan, each run counted in
    non-overlapping pairs."""
    pairs = []
    for rows in _by_manager(results):
        run: list[QuarterResult] = []
        for row in rows:
            if row.below_plan and run and run[-1].index == row.index - 1:
                run.append(row)
            else:
                run = [row] if row.below_plan else []
            if len(run) == 2:
                pairs.append(tuple(run))
                run = []
    return pairs


def first_below_line_each_year(results: Iterable[QuarterResult]) -> list[QuarterResult]:
    """R-ELG-4: the first quarter of each year whose evaluation finds the line missed."""
    found = {}
    for row in sorted(results, key=lambda r: r.index):
        if not row.minimum_line_passed:
            found.setdefault((row.manager_id, row.year), row)
    return list(found.values())


@dataclass(frozen=True)
class MonthFacts:
    """A credit customer's loan state at a month's end (DOMAIN §3)."""

    customer_id: int
    year: int
    month: int
    interest_arrears: Decimal
    overdue_days: int
    advances: Decimal

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1

    @property
    def label(self) -> str:
        return f"{self.year}-{self.month:02d}"


@dataclass(frozen=True)
class Episode:
    """Consecutive months in which a credit customer fails R-DIS-1's test."""

    customer_id: int
    months: tuple[MonthFacts, ...]
    reasons: tuple[str, ...]

    @property
    def start(self) -> MonthFacts:
        return self.months[0]


def month_reasons(month: MonthFacts, previous: MonthFacts | None) -> list[str]:
    reasons = []
    if month.overdue_days > OVERDUE_OVER_A_MONTH:
        reasons.append("overdue")
    arrears_before = previous is not None and previous.index == month.index - 1
    if month.interest_arrears > 0 and arrears_before and previous.interest_arrears > 0:
        reasons.append("arrears")
    if month.advances > 0:
        reasons.append("advance")
    return reasons


def credit_episodes(months: Iterable[MonthFacts]) -> list[Episode]:
    """R-DIS-1 episodes per customer from its months (any order, gaps allowed)."""
    episodes = []
    ordered = sorted(months, key=lambda m: (m.customer_id, m.index))
    for customer_id, rows in groupby(ordered, key=lambda m: m.customer_id):
        current: list[MonthFacts] = []
        reasons: list[str] = []
        previous = None
        for month in rows:
            found = month_reasons(month, previous)
            previous = month
            if not found:
                continue
            if current and current[-1].index != month.index - 1:
                episodes.append(Episode(customer_id, tuple(current), tuple(reasons)))
                current, reasons = [], []
            current.append(month)
            reasons.extend(r for r in found if r not in reasons)
        if current:
            episodes.append(Episode(customer_id, tuple(current), tuple(reasons)))
    return episodes


@dataclass(frozen=True)
class Card:
    id: int
    manager_id: int
    start_date: date


def second_cards(cards: Iterable[Card]) -> list[tuple[Card, Card]]:
    """R-DIS-2: (earlier, later) confirmed yellow cards of one person within a year."""
    pairs = []
    ordered = sorted(cards, key=lambda c: (c.manager_id, c.start_date, c.id))
    for _manager, rows in groupby(ordered, key=lambda c: c.manager_id):
        for earlier, later in pairwise(rows):
            if later.start_date <= earlier.start_date + timedelta(days=YELLOW_CARD_REPEAT_DAYS):
                pairs.append((earlier, later))
    return pairs


def quarter_end(year: int, quarter: int) -> date:
    month = quarter * 3
    next_first = date(year + (month == 12), month % 12 + 1, 1)
    return next_first - timedelta(days=1)


def last_quarter_within(start: date, end: date) -> tuple[int, int] | None:
    """The last quarter that ends on a day from `start` to `end`, or None."""
    year, quarter = end.year, (end.month - 1) // 3 + 1
    while quarter_end(year, quarter) > end:
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return (year, quarter) if quarter_end(year, quarter) >= start else None


def after_admonishment(result: QuarterResult, has_lower_grade: bool) -> str | None:
    """R-DIS-1, R-ELG-4: what to propose when an admonishment ends, or None."""
    if not result.failing:
        return None
    if not result.minimum_line_passed or not has_lower_grade:
        return DisciplineKind.EXIT
    return DisciplineKind.DEMOTION
