"""The quarterly evaluation on django-celery-beat's schedule: 10 days after each quarter
ends, for the quarter just ended, the whole bank; editable as a periodic task."""

from datetime import date

from django_celery_beat.models import PeriodicTask

from config.celery import app
from performance.evaluations import previous_quarter
from performance.models import Evaluation, EvaluationStatus


def test_the_schedule_runs_on_the_tenth_day_after_each_quarter(db):
    task = PeriodicTask.objects.get(task="performance.scheduled_evaluation")
    assert task.enabled
    crontab = task.crontab
    assert (crontab.day_of_month, crontab.month_of_year) == ("10", "1,4,7,10")
    assert str(crontab.timezone) == "Asia/Shanghai"
    app.loader.import_default_modules()  # what a worker does at start: autodiscovery
    assert task.task in app.tasks


def test_the_quarter_just_ended():
    assert previous_quarter(date(2026, 10, 10)) == (2026, 3)
    assert previous_quarter(date(2026, 1, 10)) == (2025, 4)
    assert previous_quarter(date(2026, 4, 10)) == (2026, 1)


def test_the_scheduled_task_queues_the_whole_banks_evaluation(
    db, django_capture_on_commit_callbacks
):
    from performance.tasks import scheduled_evaluation

    with django_capture_on_commit_callbacks(execute=False) as queued:
        evaluation_id = scheduled_evaluation()
    evaluation = Evaluation.objects.get(pk=evaluation_id)
    assert (evaluation.scope_path, evaluation.unit, evaluation.requested_by) == ("", None, None)
    assert evaluation.status == EvaluationStatus.QUEUED
    assert len(queued) == 1
