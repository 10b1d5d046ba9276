"""Evaluating grade eligibility for a period and a scope (R-ELG-1…6, R-GRD-6, R-JNL-2,
R-CUS-5): asked for by HR or the quarterly schedule, run by a Celery worker.

The run: (1) the rule set in force and its snapshot; (2) one SQL statement summing each
account manager's credited figures on every floor (`evaluation_sql`); (3) the pure rules per
manager (`rules.judge`: a few microseconds each, no query); (4) one transaction that
replaces the evaluation's results, updates customer tiers and marks it done. Progress is
committed as it goes, so a page can poll it. A worker killed midway leaves the previous
complete result set (or none); the task is acknowledged late, so it runs again in full.
"""

import logging
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from config.celery import queue_on_commit, require_queue
from managers.choices import ManagerLine, ManagerStatus
from managers.grade_rules import full_years
from managers.models import AccountManager, OrgUnit
from managers.writes import update_now

from . import evaluation_sql, rule_sets
from .access import EVALUATOR_ROLES
from .analytic_sql import insert_rows
from .customer_tiers import assess_customer_tiers
from .dashboard_cache import data_changed
from .evaluation_details import result_details, rules_snapshot
from .figure_rules import small_enterprise_tier
from .models import (
    Evaluation,
    EvaluationResult,
    EvaluationStatus,
    FigureImport,
    ImportStatus,
    MonthlyTarget,
)
from .rules import Indicators, judge, minimum_line_from, quality_from_counts

logger = logging.getLogger(__name__)

EVALUATED_STATUSES = (ManagerStatus.TRAINEE, ManagerStatus.ACTIVE, ManagerStatus.STOOD_DOWN)
BATCH = 2_000

STAGE_RULES = gettext_noop("Reading the rule set")
STAGE_SUMS = gettext_noop("Summing the figures")
STAGE_RULING = gettext_noop("Applying the rules")
STAGE_SAVING = gettext_noop("Saving the results")
STAGE_DONE = gettext_noop("Done")


def may_evaluate(user) -> bool:
    return user.is_authenticated and (user.sees_whole_bank or user.role in EVALUATOR_ROLES)


def parse_period(text: str) -> tuple[int, int]:
    """'2026Q3' → (2026, 3)."""
    cleaned = text.strip().upper()
    year, _sep, quarter = cleaned.partition("Q")
    if not (year.isdigit() and len(year) == 4 and quarter in {"1", "2", "3", "4"}):
        raise ValidationError({"period": _("Write the period as a year and quarter: 2026Q3.")})
    return int(year), int(quarter)


def previous_quarter(today: date) -> tuple[int, int]:
    quarter = (today.month - 1) // 3 + 1
    return (today.year, quarter - 1) if quarter > 1 else (today.year - 1, 4)


@transaction.atomic
def evaluation_request(*, actor, year: int, quarter: int, unit: OrgUnit | None = None):
    """Create the evaluation of a period and scope, or reset it to run again, and queue it.
    `actor` None is the quarterly schedule. Asking again while it is queued or running
    changes nothing: one run at a time per period and scope."""
    if actor is not None:
        if not may_evaluate(actor):
            raise PermissionDenied
        if unit is None and not actor.sees_whole_bank:
            unit = actor.org_unit
        if unit is not None and not OrgUnit.objects.restrict(actor).filter(pk=unit.pk).exists():
            raise ValidationError({"unit": _("Choose one of your units.")})
    if not 2000 <= year <= 2099 or date(year, 3 * quarter - 2, 1) > timezone.localdate():
        raise ValidationError({"period": _("This quarter has not begun yet.")})
    rule_sets.rule_set_in_force(year)  # refuse now, not on the worker
    require_queue()  # Redis down: "try again later", and nothing written
    scope_path = unit.path if unit else ""
    evaluation, created = Evaluation.objects.select_for_update().get_or_create(
        year=year,
        quarter=quarter,
        scope_path=scope_path,
        defaults={"unit": unit, "requested_by": actor, "requested_at": timezone.now()},
    )
    if not created and evaluation.status in (EvaluationStatus.QUEUED, EvaluationStatus.RUNNING):
        return evaluation
    if not created:
        update_now(
            evaluation,
            status=EvaluationStatus.QUEUED,
            progress=0,
            stage="",
            error="",
            requested_by=actor,
            requested_at=timezone.now(),
        )
    from .tasks import run_evaluation

    queue_on_commit(run_evaluation, evaluation.pk, on_refused=lambda: _not_queued(evaluation))
    return evaluation


def _not_queued(evaluation: Evaluation) -> None:
    """The broker failed between `require_queue` and the commit: say so on the record,
    which may then be asked for again (a queued one may not)."""
    update_now(
        evaluation,
        status=EvaluationStatus.FAILED,
        finished_at=timezone.now(),
        error=_("Not started: the job queue was unreachable. Run it again."),
    )


def evaluation_run(evaluation: Evaluation, *, after_ruling=None) -> Evaluation:
    """Compute and store the evaluation. `after_ruling` is called once the results are
    computed, before anything is saved (tests use it to stop a run midway)."""
    update_now(
        evaluation,
        status=EvaluationStatus.RUNNING,
        started_at=timezone.now(),
        finished_at=None,
        progress=5,
        stage=STAGE_RULES,
        error="",
    )
    try:
        results = _compute(evaluation)
        if after_ruling:
            after_ruling()
        update_now(evaluation, progress=90, stage=STAGE_SAVING)
        _save(evaluation, results)
    except Exception as error:
        logger.exception("Evaluation %s failed", evaluation.pk)
        update_now(
            evaluation,
            status=EvaluationStatus.FAILED,
            finished_at=timezone.now(),
            error=str(error)[:2000],
        )
        raise
    return evaluation


def _compute(evaluation: Evaluation) -> list[EvaluationResult]:
    rule_set = rule_sets.rule_set_in_force(evaluation.year)
    criteria = rule_sets.criteria_of(rule_set)
    line = rule_set.minimum_line()
    evaluation.rule_set = rule_set
    evaluation.rule_set_version = _version(rule_set)
    evaluation.rules_used = rules_snapshot(
        criteria,
        line,
        customer_tiers=rule_set.customer_tiers(),
        small_enterprise_tiers=rule_set.small_enterprise_tiers(),
    )
    update_now(evaluation, progress=10, stage=STAGE_SUMS)
    floors = [grade.customer_floor for grade in criteria] + [line.customer_min]
    sums = evaluation_sql.manager_sums(
        evaluation.year, evaluation.quarter, evaluation.scope_path, floors
    )
    update_now(evaluation, progress=60, stage=STAGE_RULING)
    period_end = evaluation_sql.quarter_end(evaluation.year, evaluation.quarter)
    targets = _quarter_targets(evaluation)
    tiers = rule_set.small_enterprise_tiers()
    managers = (
        AccountManager.objects.filter(
            unit__path__startswith=evaluation.scope_path, status__in=EVALUATED_STATUSES
        )
        .annotate(grade_code=F("current_appointment__level__code"))
        .values_list("pk", "unit_id", "line", "marketing_since", "grade_code")
    )
    nothing = evaluation_sql.no_sums(floors)
    results = [
        _result(
            evaluation,
            row,
            sums.get(row[0], nothing),
            target=targets.get(row[0]),
            rules=(criteria, line, tiers),
            period_end=period_end,
        )
        for row in managers.iterator(chunk_size=BATCH)
    ]
    evaluation.figures_import = (
        FigureImport.objects.filter(status=ImportStatus.DONE).order_by("-finished_at").first()
    )
    return results


def _result(evaluation, row, mine, *, target, rules, period_end) -> EvaluationResult:
    """One account manager's result from their sums: the pure rules, then the columns."""
    manager_id, unit_id, manager_line, marketing_since, grade_code = row
    criteria, line, tiers = rules
    on_line = mine.by_floor[line.customer_min]
    verdict = judge(
        tuple(_indicators(mine.by_floor[grade.customer_floor]) for grade in criteria),
        quality_from_counts(
            non_performing=mine.non_performing,
            arrears=mine.arrears,
            advances=mine.advances,
            not_rising=mine.normal_share_not_rising,
        ),
        minimum_line_from(on_line.deposits, on_line.customers, grade_code, line),
        current_grade_code=grade_code,
        marketing_years=full_years(marketing_since, period_end) if marketing_since else 0,
        criteria=criteria,
        minimum_line=line,
    )
    everything = mine.by_floor[evaluation_sql.ZERO]
    small_enterprise = manager_line == ManagerLine.SMALL_ENTERPRISE
    return EvaluationResult(
        evaluation=evaluation,
        manager_id=manager_id,
        unit_id=unit_id,
        current_grade_code=grade_code or "",
        eligible_grade_code=verdict.eligible_grade_code or "",
        action=verdict.action.value,
        minimum_line_passed=verdict.minimum_line.passed,
        quality_passed=verdict.quality.passed,
        deposits=_cents(everything.deposits),
        loans=_cents(everything.loans),
        settlement_usd=_cents(everything.settlement_usd),
        new_deposits=_cents(everything.deposits - everything.last_year_deposits),
        deposit_target=target,
        plan_completion=(mine.quarter_deposits / target).quantize(Decimal("0.0001"))
        if target
        else None,
        customers_count=everything.customers,
        credit_customers_count=mine.credit_customers,
        small_enterprise_tier=small_enterprise_tier(mine.credit_customers, tiers)
        if small_enterprise
        else "",
        details=result_details(verdict),
    )


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"))


def _version(rule_set) -> int:
    """The rule set's latest history id; a rule set seeded by a migration has no history
    yet, so its first version is recorded now (its rules are also in `rules_used`)."""
    latest = rule_set.history.order_by("-history_id").first()
    if latest is None:
        type(rule_set).history.bulk_history_create(
            [rule_set], default_change_reason="version used by an evaluation"
        )
        latest = rule_set.history.order_by("-history_id").first()
    return latest.history_id


def _indicators(sums: evaluation_sql.FloorSums) -> Indicators:
    return Indicators(
        customers_counted=sums.customers,
        deposits=sums.deposits,
        largest_deposit=sums.largest_deposit,
        loans=sums.loans,
        largest_loan=sums.largest_loan,
        settlement_usd=sums.settlement_usd,
        new_deposits=sums.deposits - sums.last_year_deposits,
    )


def _quarter_targets(evaluation: Evaluation) -> dict[int, Decimal]:
    """R-JNL-2: each manager's deposit target of the quarter, the mean of its months'."""
    months = range(3 * evaluation.quarter - 2, 3 * evaluation.quarter + 1)
    targets: dict[int, list[Decimal]] = {}
    for manager_id, amount in MonthlyTarget.objects.filter(
        year=evaluation.year,
        month__in=months,
        manager__unit__path__startswith=evaluation.scope_path,
    ).values_list("manager_id", "deposit_avg"):
        targets.setdefault(manager_id, []).append(amount)
    return {
        manager_id: _cents(sum(amounts) / len(amounts))
        for manager_id, amounts in targets.items()
        if sum(amounts)
    }


@transaction.atomic
def _save(evaluation: Evaluation, results: list[EvaluationResult]) -> None:
    Evaluation.objects.select_for_update().filter(pk=evaluation.pk).first()
    EvaluationResult.objects.filter(evaluation=evaluation).delete()
    insert_rows(EvaluationResult, results)
    assess_customer_tiers(evaluation)
    update_now(
        evaluation,
        status=EvaluationStatus.DONE,
        progress=100,
        stage=STAGE_DONE,
        finished_at=timezone.now(),
        managers_count=len(results),
        rule_set=evaluation.rule_set,
        rule_set_version=evaluation.rule_set_version,
        rules_used=evaluation.rules_used,
        figures_import=evaluation.figures_import,
    )
    data_changed()  # the dashboard shows the new results at once
