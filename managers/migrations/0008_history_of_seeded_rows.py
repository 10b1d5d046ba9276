"""Issue #9 audit: the seeded defaults get their first history row, so that the first
change to one of them shows what it was before."""

from django.db import migrations

from managers.seed_history import forget_seeded_rows, record_seeded_rows

MODELS = ["CalendarYear", "CalendarException", "GradeScheme", "GradeLevel", "JournalPolicy"]


def forwards(apps, schema_editor):
    record_seeded_rows(apps, "managers", MODELS)


def backwards(apps, schema_editor):
    forget_seeded_rows(apps, "managers", MODELS)


class Migration(migrations.Migration):
    dependencies = [("managers", "0007_default_journal_policy")]
    operations = [migrations.RunPython(forwards, backwards)]
