"""Discipline detection on django-celery-beat's schedule (Asia/Shanghai, editable in
admin): daily for credit customers, second yellow cards and ended admonishments; on the
10th after each quarter, after the 02:00 evaluation, for the minimum line and the plan."""

from django_celery_beat.models import PeriodicTask

from config.celery import app


def test_both_schedules_are_seeded_and_their_tasks_registered(db):
    daily = PeriodicTask.objects.get(task="compliance.detect_discipline_daily")
    quarterly = PeriodicTask.objects.get(task="compliance.detect_discipline_from_evaluations")
    assert daily.enabled and quarterly.enabled
    assert (daily.crontab.hour, daily.crontab.minute, daily.crontab.day_of_month) == (
        "3",
        "30",
        "*",
    )
    assert (quarterly.crontab.day_of_month, quarterly.crontab.month_of_year) == ("10", "1,4,7,10")
    assert quarterly.crontab.hour == "8"  # after the evaluation at 02:00
    assert str(daily.crontab.timezone) == "Asia/Shanghai"
    app.loader.import_default_modules()  # what a worker does at start: autodiscovery
    assert {daily.task, quarterly.task} <= set(app.tasks)


def test_the_tasks_run_the_detection(db):
    from compliance.tasks import detect_discipline_daily, detect_discipline_from_evaluations

    assert detect_discipline_daily("2026-11-23") == {
        "below_minimum_line": 0,
        "below_plan": 0,
        "credit_customer": 0,
        "second_yellow_card": 0,
        "admonishment_failed": 0,
    }
    assert detect_discipline_from_evaluations()["below_minimum_line"] == 0
