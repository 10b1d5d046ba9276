"""Issue #9 audit: the seeded defaults (the 2026 rule set, its grade rules, the new-account
targets) get their first history row, so that the first change to one of them shows what
it was before."""

from django.db import migrations

from managers.seed_history import forget_seeded_rows, record_seeded_rows

MODELS = ["RuleSet", "GradeRule", "NewAccountPolicy"]


def forwards(apps, schema_editor):
    record_seeded_rows(apps, "performance", MODELS)


def backwards(apps, schema_editor):
    forget_seeded_rows(apps, "performance", MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("performance", "0006_loans_and_new_account_targets"),
        ("managers", "0008_history_of_seeded_rows"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
