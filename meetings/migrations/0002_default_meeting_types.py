"""DOMAIN's default meeting types and schedules (R-MTG-1…4); editable in admin."""

from django.db import migrations


def seed(apps, schema_editor):
    from meetings.defaults import install_default_types

    install_default_types(apps.get_model("meetings", "MeetingType"))


def unseed(apps, schema_editor):
    apps.get_model("meetings", "MeetingType").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
