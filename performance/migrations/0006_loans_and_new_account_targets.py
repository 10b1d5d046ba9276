"""Loans with maturity dates (R-RPT-1) and the one-row new-account targets (R-CUS-6),
seeded with DOMAIN's defaults: 1 corporate settlement account a week, 4 a month, 2 basic
accounts a month, per sub-branch."""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def seed_policy(apps, schema_editor):
    policy = apps.get_model("performance", "NewAccountPolicy")
    if not policy.objects.exists():
        policy.objects.create(corporate_per_week=1, corporate_per_month=4, basic_per_month=2)


class Migration(migrations.Migration):
    dependencies = [
        ("customers", "0002_defaults"),
        ("performance", "0005_figures_without_row_checks"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="NewAccountPolicy",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "corporate_per_week",
                    models.PositiveSmallIntegerField(
                        default=1,
                        validators=[django.core.validators.MinValueValidator(1)],
                        verbose_name="new corporate settlement accounts a week",
                    ),
                ),
                (
                    "corporate_per_month",
                    models.PositiveSmallIntegerField(
                        default=4,
                        validators=[django.core.validators.MinValueValidator(1)],
                        verbose_name="new corporate settlement accounts a month",
                    ),
                ),
                (
                    "basic_per_month",
                    models.PositiveSmallIntegerField(
                        default=2,
                        validators=[django.core.validators.MinValueValidator(1)],
                        verbose_name="new basic accounts a month",
                    ),
                ),
            ],
            options={
                "verbose_name": "new-account targets",
                "verbose_name_plural": "new-account targets",
            },
        ),
        migrations.CreateModel(
            name="HistoricalLoan",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "contract_number",
                    models.CharField(db_index=True, max_length=40, verbose_name="contract number"),
                ),
                (
                    "balance",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=18,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="balance (yuan)",
                    ),
                ),
                ("start_date", models.DateField(verbose_name="start date")),
                ("due_on", models.DateField(db_index=True, verbose_name="maturity date")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "customer",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="customers.customer",
                        verbose_name="customer",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical loan",
                "verbose_name_plural": "historical loans",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalNewAccountPolicy",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "corporate_per_week",
                    models.PositiveSmallIntegerField(
                        default=1,
                        validators=[django.core.validators.MinValueValidator(1)],
                        verbose_name="new corporate settlement accounts a week",
                    ),
                ),
                (
                    "corporate_per_month",
                    models.PositiveSmallIntegerField(
                        default=4,
                        validators=[django.core.validators.MinValueValidator(1)],
                        verbose_name="new corporate settlement accounts a month",
                    ),
                ),
                (
                    "basic_per_month",
                    models.PositiveSmallIntegerField(
                        default=2,
                        validators=[django.core.validators.MinValueValidator(1)],
                        verbose_name="new basic accounts a month",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical new-account targets",
                "verbose_name_plural": "historical new-account targets",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Loan",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "contract_number",
                    models.CharField(max_length=40, unique=True, verbose_name="contract number"),
                ),
                (
                    "balance",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=18,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="balance (yuan)",
                    ),
                ),
                ("start_date", models.DateField(verbose_name="start date")),
                ("due_on", models.DateField(db_index=True, verbose_name="maturity date")),
                (
                    "customer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="loans",
                        to="customers.customer",
                        verbose_name="customer",
                    ),
                ),
            ],
            options={
                "verbose_name": "loan",
                "verbose_name_plural": "loans",
                "ordering": ["due_on", "contract_number"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("due_on__gte", models.F("start_date"))),
                        name="loan_due_after_start",
                        violation_error_message="The maturity date is before the start date.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("balance__gte", 0)),
                        name="loan_balance_not_negative",
                        violation_error_message="A balance is not negative.",
                    ),
                ],
            },
        ),
        migrations.RunPython(seed_policy, migrations.RunPython.noop),
    ]
