"""Detection of disciplinary proposals from the facts the system holds (R-ELG-4,
R-DIS-1, R-DIS-2); `discipline_rules` decides, this module reads and writes.

Set-based: each trigger reads its facts in one or two queries, never one per manager or
customer, and writes its new proposals in one bulk insert (with history rows).
Idempotent: a proposal is keyed by manager, trigger and fact; a key already present in
any status (proposed, confirmed or waived) is never proposed again.
"""

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from customers.models import Assignment
from customers.share_rules import SHARED_BASES
from managers.choices import ManagerStatus
from managers.models import AccountManager, GradeLevel
from performance.models import (
    QUARTERS,
    CustomerYearFigure,
    EvaluationResult,
    EvaluationStatus,
    MonthlyFigure,
)

from . import discipline_rules as rules
from .choices_cases import ActionStatus, DisciplineKind, Trigger
from .discipline import DisciplinaryAction

CENT = Decimal("0.01")


@dataclass
class Detected:
    below_minimum_line: int = 0
    below_plan: int = 0
    credit_customer: int = 0
    second_yellow_card: int = 0
    admonishment_failed: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def _propose(trigger: str, candidates: list[DisciplinaryAction]) -> int:
    """Insert the candidates whose (manager, key) this trigger has not proposed yet; the
    account managers who left the sequence are skipped."""
    if not candidates:
        return 0
    exited = set(
        AccountManager.objects.filter(
            pk__in={c.manager_id for c in candidates}, status=ManagerStatus.EXITED
        ).values_list("pk", flat=True)
    )
    seen = set(
        DisciplinaryAction.objects.filter(trigger=trigger).values_list("manager_id", "trigger_key")
    )
    new = []
    for candidate in candidates:
        key = (candidate.manager_id, candidate.trigger_key)
        if key in seen or candidate.manager_id in exited:
            continue
        seen.add(key)
        candidate.trigger = trigger
        new.append(candidate)
    if new:
        bulk_create_with_history(
            new, DisciplinaryAction, batch_size=1000, default_change_reason="detection"
        )
    return len(new)


def done_results(manager_ids=None) -> dict[tuple[int, int, int], rules.QuarterResult]:
    """Each manager's result per quarter in finished evaluations; of two evaluations of
    one quarter (different scopes), the one finished last. One query."""
    rows = EvaluationResult.objects.filter(evaluation__status=EvaluationStatus.DONE)
    if manager_ids is not None:
        rows = rows.filter(manager_id__in=manager_ids)
    found = {}
    for row in rows.order_by("evaluation__finished_at", "evaluation_id").values_list(
        "manager_id",
        "evaluation__year",
        "evaluation__quarter",
        "evaluation_id",
        "plan_completion",
        "minimum_line_passed",
        "details__minimum_line__deposits",
    ):
        result = rules.QuarterResult(*row)
        found[(result.manager_id, result.year, result.quarter)] = result
    return found


def _yuan(amount) -> str | None:
    return None if amount is None else str(Decimal(amount).quantize(CENT))


def detect_below_minimum_line(results) -> int:
    """R-ELG-4 → R-DIS-2: below the minimum line in the year → a yellow card."""
    return _propose(
        Trigger.BELOW_MINIMUM_LINE,
        [
            DisciplinaryAction(
                manager_id=row.manager_id,
                kind=DisciplineKind.YELLOW_CARD,
                trigger_key=str(row.year),
                evaluation_id=row.evaluation_id,
                facts={"period": row.period, "line_deposits": _yuan(row.line_deposits)},
            )
            for row in rules.first_below_line_each_year(results)
        ],
    )


def detect_below_plan(results) -> int:
    """R-DIS-1: two consecutive quarters below 80% of plan → admonishment."""
    candidates = []
    for first, second in rules.below_plan_pairs(results):
        candidates.append(
            DisciplinaryAction(
                manager_id=second.manager_id,
                kind=DisciplineKind.ADMONISHMENT,
                trigger_key=second.period,
                evaluation_id=second.evaluation_id,
                facts={
                    "periods": [first.period, second.period],
                    "plan_completion": [str(first.plan_completion), str(second.plan_completion)],
                },
            )
        )
    return _propose(Trigger.BELOW_PLAN, candidates)


def _flagged_customers():
    """Credit customers whose yearly roll-ups show arrears, an advance or more than a
    month overdue in some quarter (the roll-ups narrow the monthly figures to read)."""
    flags = [
        Q(**{f"arrears_q{q}": True})
        | Q(**{f"advances_q{q}": True})
        | Q(**{f"overdue_days_max_q{q}__gt": rules.OVERDUE_OVER_A_MONTH})
        for q in QUARTERS
    ]
    return CustomerYearFigure.objects.filter(reduce(or_, flags), customer__is_credit=True).values(
        "customer_id"
    )


def _month_range(month: rules.MonthFacts) -> tuple[date, date]:
    first = date(month.year, month.month, 1)
    following = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def detect_credit_customers() -> int:
    """R-DIS-1: a managed credit customer overdue or in arrears over one month, or with
    an acceptance advance → admonishment of whoever held it when the episode began."""
    months = MonthlyFigure.objects.filter(customer_id__in=_flagged_customers()).filter(
        Q(interest_arrears__gt=0)
        | Q(advances__gt=0)
        | Q(overdue_days__gt=rules.OVERDUE_OVER_A_MONTH)
    )
    facts = [
        rules.MonthFacts(*row)
        for row in months.values_list(
            "customer_id", "year", "month", "interest_arrears", "overdue_days", "advances"
        )
    ]
    episodes = rules.credit_episodes(facts)
    holders = Assignment.objects.filter(
        customer_id__in={e.customer_id for e in episodes}, basis__in=SHARED_BASES
    ).values_list("customer_id", "manager_id", "start_date", "end_date")
    by_customer: dict[int, list] = {}
    for customer_id, *holding in holders:
        by_customer.setdefault(customer_id, []).append(holding)
    candidates = []
    for episode in episodes:
        first_day, last_day = _month_range(episode.start)
        for manager_id, start, end in by_customer.get(episode.customer_id, []):
            if start > last_day or (end is not None and end < first_day):
                continue
            candidates.append(
                DisciplinaryAction(
                    manager_id=manager_id,
                    kind=DisciplineKind.ADMONISHMENT,
                    trigger_key=f"{episode.customer_id}:{episode.start.label}",
                    customer_id=episode.customer_id,
                    facts={
                        "months": [m.label for m in episode.months],
                        "reasons": list(episode.reasons),
                        "overdue_days": max(m.overdue_days for m in episode.months),
                    },
                )
            )
    return _propose(Trigger.CREDIT_CUSTOMER, candidates)


def detect_second_yellow_cards(manager_ids=None) -> int:
    """R-DIS-2: a second yellow card within a year of the first → dismissal."""
    cards = DisciplinaryAction.objects.filter(
        kind=DisciplineKind.YELLOW_CARD, status=ActionStatus.CONFIRMED
    )
    if manager_ids is not None:
        cards = cards.filter(manager_id__in=manager_ids)
    pairs = rules.second_cards(
        rules.Card(*row) for row in cards.values_list("pk", "manager_id", "start_date")
    )
    return _propose(
        Trigger.SECOND_YELLOW_CARD,
        [
            DisciplinaryAction(
                manager_id=later.manager_id,
                kind=DisciplineKind.DISMISSAL,
                trigger_key=str(later.id),
                previous_id=earlier.id,
                facts={
                    "first": earlier.start_date.isoformat(),
                    "second": later.start_date.isoformat(),
                },
            )
            for earlier, later in pairs
        ],
    )


def _has_lower_grade(manager_ids) -> dict[int, bool]:
    """Whether a grade of the active scheme (not trainee) ranks below each one's own."""
    ranks = sorted(
        GradeLevel.objects.filter(scheme__is_active=True, is_trainee=False).values_list(
            "rank", flat=True
        )
    )
    lowest = ranks[0] if ranks else None
    current = AccountManager.objects.filter(pk__in=manager_ids).values_list(
        "pk", "current_appointment__level__rank"
    )
    return {pk: rank is not None and lowest is not None and rank > lowest for pk, rank in current}


def detect_failed_admonishments(today: date) -> int:
    """R-DIS-1: an admonishment ended with the figures still failing → demotion or exit,
    judged on the last quarter ending within it (waits until that quarter is evaluated)."""
    ended = list(
        DisciplinaryAction.objects.filter(
            kind=DisciplineKind.ADMONISHMENT, status=ActionStatus.CONFIRMED, end_date__lt=today
        ).values_list("pk", "manager_id", "start_date", "end_date")
    )
    if not ended:
        return 0
    manager_ids = {row[1] for row in ended}
    results = done_results(manager_ids)
    lower = _has_lower_grade(manager_ids)
    candidates = []
    for pk, manager_id, start, end in ended:
        period = rules.last_quarter_within(start, end)
        result = results.get((manager_id, *period)) if period else None
        kind = rules.after_admonishment(result, lower.get(manager_id, False)) if result else None
        if kind is None:
            continue
        candidates.append(
            DisciplinaryAction(
                manager_id=manager_id,
                kind=kind,
                trigger_key=str(pk),
                previous_id=pk,
                evaluation_id=result.evaluation_id,
                facts={
                    "period": result.period,
                    "plan_completion": None
                    if result.plan_completion is None
                    else str(result.plan_completion),
                    "minimum_line_passed": result.minimum_line_passed,
                    "admonished_until": end.isoformat(),
                },
            )
        )
    return _propose(Trigger.ADMONISHMENT_FAILED, candidates)


@transaction.atomic
def detect_from_evaluations() -> Detected:
    """After the quarterly evaluation: R-ELG-4 and R-DIS-1's plan trigger."""
    results = list(done_results().values())
    return Detected(
        below_minimum_line=detect_below_minimum_line(results),
        below_plan=detect_below_plan(results),
    )


@transaction.atomic
def detect_daily(today: date) -> Detected:
    """Every day: credit customers, second yellow cards, admonishments that ended."""
    return Detected(
        credit_customer=detect_credit_customers(),
        second_yellow_card=detect_second_yellow_cards(),
        admonishment_failed=detect_failed_admonishments(today),
    )


def detect_all(today: date) -> Detected:
    found = detect_from_evaluations()
    daily = detect_daily(today)
    for name, count in daily.as_dict().items():
        if count:
            setattr(found, name, count)
    return found
