"""Evaluation pages (R-ELG-5): the list of evaluations with "run now", one evaluation's
progress and results, and one account manager's indicators against every grade."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.celery import QueueUnavailable
from managers.access import role_required
from managers.form_errors import add_service_errors
from managers.models import AccountManager
from managers.paging import PAGE_SIZE, filtered_page
from managers.roster import active_grade_names
from managers.selectors import latest_done_results, with_grade_names

from .access import EVALUATION_PAGE_ROLES
from .evaluation_details import rebuilt
from .evaluation_filtersets import EvaluationResultFilterSet
from .evaluation_forms import EvaluationRequestForm
from .evaluations import evaluation_request, may_evaluate
from .models import Evaluation, EvaluationResult, EvaluationStatus, SuggestedAction
from .rule_defaults import GradeCriteria
from .rules import Criterion, GradeResult, ManagerEvaluation
from .selectors import visible_evaluations


def _visible_evaluation(request, pk: int) -> Evaluation:
    """Out of the user's scope: 404."""
    return get_object_or_404(visible_evaluations(request.user), pk=pk)


@role_required(EVALUATION_PAGE_ROLES)
def evaluation_list(request):
    evaluator = may_evaluate(request.user)
    if request.method == "POST" and not evaluator:
        raise PermissionDenied
    form = None
    if evaluator:
        form = EvaluationRequestForm(
            request.POST or None, user=request.user, today=timezone.localdate()
        )
        if request.method == "POST" and form.is_valid():
            try:
                evaluation = evaluation_request(actor=request.user, **form.request_arguments())
            except ValidationError as error:
                add_service_errors(form, error)
            except QueueUnavailable as down:  # Redis down: say so, not a 500 (issue #9)
                form.add_error(None, down.message)
            else:
                return redirect("evaluation-detail", pk=evaluation.pk)
    evaluations = visible_evaluations(request.user).order_by("-year", "-quarter", "scope_path")
    page = Paginator(evaluations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "performance/evaluation_list.html", {"page": page, "form": form})


def _progress(evaluation: Evaluation) -> dict:
    """What the progress fragment shows; the stage is stored in English (gettext_noop)."""
    return {
        "evaluation": evaluation,
        "stage": gettext(evaluation.stage) if evaluation.stage else "",
    }


@role_required(EVALUATION_PAGE_ROLES)
def evaluation_detail(request, pk: int):
    evaluation = _visible_evaluation(request, pk)
    context = _progress(evaluation)
    if evaluation.status == EvaluationStatus.DONE:
        results = EvaluationResult.objects.restrict(request.user).filter(evaluation=evaluation)
        rows = with_grade_names(results.select_related("manager", "unit"))
        context |= filtered_page(request, EvaluationResultFilterSet, rows)
        context["action_counts"] = _action_counts(results)
    return render(request, "performance/evaluation_detail.html", context)


def _action_counts(results) -> list[tuple[str, str, int]]:
    """(action, label, count) for every suggested action, in one query."""
    counts = results.aggregate(
        **{action.value: Count("pk", filter=Q(action=action)) for action in SuggestedAction}
    )
    return [(action, label, counts[action]) for action, label in SuggestedAction.choices]


@role_required(EVALUATION_PAGE_ROLES)
def evaluation_progress(request, pk: int):
    """The progress fragment the detail page polls (htmx). Once the run is over, htmx is
    told to reload the page, which then shows the results or the error."""
    evaluation = _visible_evaluation(request, pk)
    response = render(request, "performance/evaluation_progress.html", _progress(evaluation))
    if evaluation.finished and request.htmx:
        response["HX-Refresh"] = "true"
    return response


# --- One account manager's indicators --------------------------------------------------


@dataclass(frozen=True)
class CriterionSpec:
    """One indicator of R-ELG-1 and where its numbers are: the attribute names of its
    minimum (`GradeCriteria`), of its value (`Indicators`, and the `Gap` field of the
    same name) and of its single-customer parts."""

    criterion: Criterion
    label: str | Promise
    minimum: str
    value: str
    single_minimum: str | None = None
    largest: str | None = None
    single_gap: str | None = None
    usd: bool = False


CRITERIA = (
    CriterionSpec(
        Criterion.DEPOSITS,
        _("Daily-average deposits"),
        "deposit_min",
        "deposits",
        "deposit_single_customer_min",
        "largest_deposit",
        "deposit_single_customer",
    ),
    CriterionSpec(
        Criterion.LOANS,
        _("Daily-average loans"),
        "loan_min",
        "loans",
        "loan_single_customer_min",
        "largest_loan",
        "loan_single_customer",
    ),
    CriterionSpec(
        Criterion.SETTLEMENT,
        _("International settlement"),
        "settlement_min_usd",
        "settlement_usd",
        usd=True,
    ),
    CriterionSpec(
        Criterion.NEW_DEPOSITS, _("New daily-average deposits"), "new_deposit_min", "new_deposits"
    ),
)


def _attribute(source, name: str | None):
    return getattr(source, name) if name else None


@dataclass(frozen=True)
class CriterionCell:
    spec: CriterionSpec
    minimum: Decimal | None  # None: the grade does not offer this criterion
    value: Decimal
    single_minimum: Decimal | None
    largest: Decimal | None
    met: bool


@dataclass(frozen=True)
class GradeTable:
    """One grade's table: its thresholds against the manager's indicators on its floor."""

    name: str
    criteria: GradeCriteria
    result: GradeResult
    cells: tuple[CriterionCell, ...]


@dataclass(frozen=True)
class GapRow:
    """What is still missing for the next grade on one indicator (R-ELG-5)."""

    spec: CriterionSpec
    missing: Decimal
    single_missing: Decimal | None


def _grade_tables(verdict: ManagerEvaluation, names: dict[str, str]) -> list[GradeTable]:
    return [
        GradeTable(
            names.get(grade.code, grade.code),
            grade,
            result,
            tuple(
                CriterionCell(
                    spec=spec,
                    minimum=getattr(grade, spec.minimum),
                    value=getattr(result.indicators, spec.value),
                    single_minimum=_attribute(grade, spec.single_minimum),
                    largest=_attribute(result.indicators, spec.largest),
                    met=spec.criterion in result.criteria_met,
                )
                for spec in CRITERIA
            ),
        )
        for grade, result in zip(verdict.criteria, verdict.grades, strict=True)
    ]


def gap_rows(verdict: ManagerEvaluation) -> list[GapRow]:
    gap = verdict.gap
    if gap is None:
        return []
    return [
        GapRow(spec, getattr(gap, spec.value), _attribute(gap, spec.single_gap))
        for spec in CRITERIA
        if getattr(gap, spec.value) is not None
    ]


def _chosen(results: list[EvaluationResult], wanted: str | None) -> EvaluationResult | None:
    """The result of the evaluation asked for in the query string, else the latest."""
    if not wanted:
        return results[0] if results else None
    chosen = next((r for r in results if str(r.evaluation_id) == wanted), None)
    if chosen is None:
        raise Http404
    return chosen


def _indicators_page(request, manager: AccountManager):
    # A manager has a handful of results a year: all of them make the period selector.
    results = list(
        latest_done_results(manager).restrict(request.user).select_related("evaluation__unit")
    )
    result = _chosen(results, request.GET.get("evaluation"))
    context = {"manager": manager, "results": results, "result": result}
    if result is not None:
        verdict = rebuilt(
            result.details, result.evaluation.rules_used, result.current_grade_code or None
        )
        names = active_grade_names()
        quality = {*verdict.quality.problems, *verdict.quality.warnings}
        context |= {
            "verdict": verdict,
            "current_grade_name": names.get(result.current_grade_code),
            "eligible_grade_name": names.get(result.eligible_grade_code),
            "next_grade_name": names.get(verdict.gap.grade_code) if verdict.gap else None,
            "grades": _grade_tables(verdict, names),
            "gaps": gap_rows(verdict),
            "other_messages": [m for m in verdict.messages if m not in quality],
        }
    return render(request, "performance/manager_indicators.html", context)


@login_required
def manager_indicators(request, manager_id: int):
    """Scoped like the managers: an account manager may open only their own (else 404)."""
    managers = AccountManager.objects.restrict(request.user).select_related("unit")
    return _indicators_page(request, get_object_or_404(managers, pk=manager_id))


@login_required
def my_indicators(request):
    manager = (
        AccountManager.objects.restrict(request.user)
        .select_related("unit")
        .filter(user=request.user)
        .first()
    )
    if manager is None:
        raise Http404
    return _indicators_page(request, manager)
