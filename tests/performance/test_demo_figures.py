"""`seed_demo` also loads monthly figures, their roll-ups, 2026 targets and the whole bank's
evaluation of 2026Q3, done (R-ELG-1…5, R-JNL-2): the evaluation pages have something to
show from the first login."""

from io import StringIO

from django.core.management import call_command

from customers.models import Customer
from managers.models import AccountManager
from performance.evaluations import EVALUATED_STATUSES
from performance.models import (
    CustomerYearFigure,
    Evaluation,
    EvaluationResult,
    EvaluationStatus,
    FigureImport,
    ImportStatus,
    MonthlyFigure,
    MonthlyTarget,
)

MONTHS_BEFORE_DEMO_TODAY = {(2025, month) for month in range(1, 13)} | {
    (2026, month) for month in range(1, 11)
}


def test_demo_bank_has_figures_targets_and_a_done_evaluation(db):
    call_command("seed_demo", stdout=StringIO())
    customers = Customer.objects.count()

    assert set(MonthlyFigure.objects.values_list("year", "month").distinct()) == (
        MONTHS_BEFORE_DEMO_TODAY
    )
    assert MonthlyFigure.objects.count() == 22 * customers
    recorded = FigureImport.objects.get()
    assert recorded.status == ImportStatus.DONE and recorded.rows_created == 22 * customers
    assert not MonthlyFigure.objects.exclude(figure_import=recorded).exists()
    for year in (2025, 2026):
        assert CustomerYearFigure.objects.filter(year=year).count() == customers

    evaluation = Evaluation.objects.get(year=2026, quarter=3, scope_path="")
    assert evaluation.status == EvaluationStatus.DONE and evaluation.progress == 100
    assert evaluation.figures_import == recorded
    evaluated = AccountManager.objects.filter(status__in=EVALUATED_STATUSES)
    results = EvaluationResult.objects.filter(evaluation=evaluation)
    assert sorted(results.values_list("manager_id", flat=True)) == sorted(
        evaluated.values_list("pk", flat=True)
    )
    assert evaluation.managers_count == evaluated.count()
    assert len(set(results.values_list("action", flat=True))) >= 2

    holding = results.filter(customers_count__gt=0)
    assert holding.exists() and not holding.filter(deposit_target=None).exists()
    targeted = MonthlyTarget.objects.filter(year=2026, manager__evaluation_results__in=holding)
    assert targeted.count() == 12 * holding.count()
