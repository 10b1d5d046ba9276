"""The prohibitions catalogue seeded with the sources' Chinese text (R-PRO-1…11), and the
discipline detection on django-celery-beat's schedule (Asia/Shanghai, editable in admin):
daily at 03:30 (credit customers, second yellow cards, admonishments that ended), and
quarterly at 08:00 on the 10th of January, April, July and October, after the 02:00
evaluation (minimum line, plan)."""

from django.db import migrations

DAILY = "Discipline detection, daily (纪律处分每日检测)"
QUARTERLY = "Discipline detection after the quarterly evaluation (季度评定后纪律处分检测)"


def seed(apps, schema_editor):
    from compliance.prohibition_defaults import install_prohibitions

    install_prohibitions(apps.get_model("compliance", "Prohibition"))
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="3",
        day_of_month="*",
        month_of_year="*",
        day_of_week="*",
        timezone="Asia/Shanghai",
    )
    quarterly, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="8",
        day_of_month="10",
        month_of_year="1,4,7,10",
        day_of_week="*",
        timezone="Asia/Shanghai",
    )
    PeriodicTask.objects.get_or_create(
        name=DAILY, defaults={"task": "compliance.detect_discipline_daily", "crontab": daily}
    )
    PeriodicTask.objects.get_or_create(
        name=QUARTERLY,
        defaults={"task": "compliance.detect_discipline_from_evaluations", "crontab": quarterly},
    )


def unseed(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name__in=[DAILY, QUARTERLY]
    ).delete()
    apps.get_model("compliance", "Prohibition").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0004_cases_and_discipline"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
