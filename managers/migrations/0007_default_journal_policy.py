"""Seed the journal deadline (R-JNL-1, configurable): 23:59 on the journal's own day."""

from datetime import time

from django.db import migrations


def seed(apps, schema_editor):
    JournalPolicy = apps.get_model("managers", "JournalPolicy")
    if not JournalPolicy.objects.exists():
        JournalPolicy.objects.create(due_working_days=0, due_time=time(23, 59))


def unseed(apps, schema_editor):
    apps.get_model("managers", "JournalPolicy").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("managers", "0006_work_journals")]

    operations = [migrations.RunPython(seed, unseed)]
