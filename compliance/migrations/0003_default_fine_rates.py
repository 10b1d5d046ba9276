"""The fine schedule seeded from R-DIS-4 and R-MTG-2; editable in admin."""

from django.db import migrations


def seed(apps, schema_editor):
    from compliance.fines import DEFAULT_FINES

    FineRate = apps.get_model("compliance", "FineRate")
    for reason, (amount, minimum) in DEFAULT_FINES.items():
        FineRate.objects.get_or_create(
            reason=str(reason), defaults={"amount": amount, "minimum": minimum}
        )


def unseed(apps, schema_editor):
    apps.get_model("compliance", "FineRate").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("compliance", "0002_fine_proposals")]

    operations = [migrations.RunPython(seed, unseed)]
