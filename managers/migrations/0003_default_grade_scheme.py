"""Seed the default six-level grade scheme and, on PostgreSQL, forbid overlapping
appointment terms of one person in the database itself."""

from django.db import migrations

from managers.grade_defaults import DEFAULT_SCHEME_NAME, install_default_scheme

NO_OVERLAP = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE managers_gradeappointment ADD CONSTRAINT grade_appointment_no_overlap
    EXCLUDE USING gist (manager_id WITH =, daterange(start_date, end_date, '[]') WITH &&);
"""


def seed_default_scheme(apps, schema_editor):
    install_default_scheme(apps.get_model("managers", "GradeScheme"),
                           apps.get_model("managers", "GradeLevel"))


def remove_default_scheme(apps, schema_editor):
    apps.get_model("managers", "GradeScheme").objects.filter(name=DEFAULT_SCHEME_NAME).delete()


def add_no_overlap(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NO_OVERLAP)


def drop_no_overlap(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE managers_gradeappointment DROP CONSTRAINT grade_appointment_no_overlap"
        )


class Migration(migrations.Migration):
    dependencies = [("managers", "0002_grades")]

    operations = [
        migrations.RunPython(seed_default_scheme, remove_default_scheme),
        migrations.RunPython(add_no_overlap, drop_no_overlap),
    ]
