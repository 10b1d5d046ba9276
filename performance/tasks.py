"""Background work of the performance app, run by Celery workers (in-process in the demo).

The outcome of each task is on its record (`FigureImport`, `Evaluation`), which pages poll:
no result is stored in the result backend (`ignore_result`), so queuing a task needs only the
broker, and a web process never waits for the result backend (it retried Redis for 20 s).
"""

from celery import shared_task
from django.utils import timezone

from .evaluations import evaluation_request, evaluation_run, previous_quarter
from .figure_imports import figure_import_run
from .models import Evaluation, FigureImport


@shared_task(name="performance.import_figures", ignore_result=True)
def import_figures(import_id: int) -> str:
    """Run a queued figure import; its progress and outcome are on the `FigureImport`.
    Acknowledged late and rejected when the worker is lost (the settings), so a killed
    worker's import is delivered again; it saves all or nothing, so it runs in full."""
    record = FigureImport.objects.select_related("created_by__org_unit").get(pk=import_id)
    return figure_import_run(record).status


@shared_task(
    name="performance.run_evaluation",
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
)
def run_evaluation(evaluation_id: int) -> str:
    """Run a requested evaluation. Acknowledged late and rejected when the worker is lost,
    so a killed worker's evaluation is delivered again and runs in full."""
    evaluation = Evaluation.objects.get(pk=evaluation_id)
    return evaluation_run(evaluation).status


@shared_task(name="performance.scheduled_evaluation", ignore_result=True)
def scheduled_evaluation() -> int:
    """The quarterly schedule (django-celery-beat): the whole bank, the quarter just ended."""
    year, quarter = previous_quarter(timezone.localdate())
    return evaluation_request(actor=None, year=year, quarter=quarter).pk
