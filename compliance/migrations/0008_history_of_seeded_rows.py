"""Issue #9 audit: the seeded defaults get their first history row, so that the first
change to one of them shows what it was before."""

from django.db import migrations

from managers.seed_history import forget_seeded_rows, record_seeded_rows

MODELS = ["FineRate", "Prohibition", "RotationPolicy", "AccessReviewPolicy"]


def forwards(apps, schema_editor):
    record_seeded_rows(apps, "compliance", MODELS)


def backwards(apps, schema_editor):
    forget_seeded_rows(apps, "compliance", MODELS)


class Migration(migrations.Migration):
    dependencies = [("compliance", "0007_default_rates_policies_schedule")]
    operations = [migrations.RunPython(forwards, backwards)]
