"""R-DIS-4 fine rates for outings and deadlines, the one-row rotation (R-PRO-10/11) and
access-review (R-PRO-8) policies, and the daily deadline detection on the beat schedule
(04:00 Asia/Shanghai, editable in admin)."""

from django.db import migrations

TASK = "compliance.detect_deadline_fines"
NAME = "Deadline fines, daily (工作时限罚款每日检测)"
NEW_REASONS = ("outing_absent", "credit_file_late", "opinion_late")


def seed(apps, schema_editor):
    from compliance.fines import DEFAULT_FINES

    FineRate = apps.get_model("compliance", "FineRate")
    for reason, (amount, minimum) in DEFAULT_FINES.items():
        if str(reason) in NEW_REASONS:
            FineRate.objects.get_or_create(
                reason=str(reason), defaults={"amount": amount, "minimum": minimum}
            )
    for model in ("RotationPolicy", "AccessReviewPolicy"):
        policy = apps.get_model("compliance", model)
        if not policy.objects.exists():
            policy.objects.create()
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    daily, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="4",
        day_of_month="*",
        month_of_year="*",
        day_of_week="*",
        timezone="Asia/Shanghai",
    )
    PeriodicTask.objects.get_or_create(name=NAME, defaults={"task": TASK, "crontab": daily})


def unseed(apps, schema_editor):
    apps.get_model("compliance", "FineRate").objects.filter(reason__in=NEW_REASONS).delete()
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0006_outing_deadline_rotation"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
