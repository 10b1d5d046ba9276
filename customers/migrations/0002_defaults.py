"""Seed the configurable defaults: R-CUS-4 credit share minimums, R-VIS-1 visit
frequencies per tier, R-VIS-2 return time for outings."""

from datetime import time
from decimal import Decimal

from django.db import migrations

SHARE_MINIMUMS = [
    # source, minimum share, minimum share of non-deposit business
    ("natural", "0.5000", None),
    ("marketed", "0.8000", None),
    ("transferred", "0.6000", "0.8000"),
    # The sources give no minimum for public-resource customers: HR sets one if needed.
    ("public", "0.0001", None),
]
VISIT_EVERY_DAYS = [
    ("diamond", 30),
    ("platinum", 60),
    ("gold", 90),
    ("silver", 180),
    ("bronze", 365),
]


def seed(apps, schema_editor):
    minimum = apps.get_model("customers", "CreditShareMinimum")
    for source, share, non_deposit in SHARE_MINIMUMS:
        minimum.objects.create(
            source=source,
            minimum_share=Decimal(share),
            non_deposit_minimum_share=Decimal(non_deposit) if non_deposit else None,
        )
    frequency = apps.get_model("customers", "VisitFrequency")
    for tier, days in VISIT_EVERY_DAYS:
        frequency.objects.create(tier=tier, every_days=days)
    apps.get_model("customers", "OutingPolicy").objects.create(return_by=time(17, 0))


def unseed(apps, schema_editor):
    for name in ("CreditShareMinimum", "VisitFrequency", "OutingPolicy"):
        apps.get_model("customers", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("customers", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
