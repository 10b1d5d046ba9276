"""The quarterly evaluation on the beat schedule: 02:00 on the 10th day after each quarter
ends (10 January, April, July, October), Asia/Shanghai; editable in admin (Periodic tasks)."""

from django.db import migrations

TASK_NAME = "Quarterly grade-eligibility evaluation (季度等级评定)"


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="2",
        day_of_month="10",
        month_of_year="1,4,7,10",
        day_of_week="*",
        timezone="Asia/Shanghai",
    )
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={"task": "performance.scheduled_evaluation", "crontab": crontab},
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("performance", "0003_figures_and_evaluations"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
