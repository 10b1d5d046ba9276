"""Monthly figures per customer (DOMAIN §3), their imports, their yearly roll-ups, and the
monthly targets of account managers (R-JNL-2).

`MonthlyFigure` is what the data warehouse sends: one row per customer and month.
`CustomerYearFigure` is its roll-up per customer and year, one column group per quarter,
rewritten for the imported customers at every import (`performance.figure_rollups`), so that
an evaluation reads one row per customer and year instead of twelve. Neither keeps a history
row per change (twelve million rows); `FigureImport` records who sent which file when, and
every figure names the import that last wrote it.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from managers.scoping import ScopedQuerySet

from .rule_sets import MONEY

QUARTERS = (1, 2, 3, 4)


class LoanClass(models.IntegerChoices):
    """Five-level loan classification (五级分类); 3–5 are non-performing (后三类, R-ELG-3)."""

    NORMAL = 1, _("Normal")
    SPECIAL_MENTION = 2, _("Special mention")
    SUBSTANDARD = 3, _("Substandard")
    DOUBTFUL = 4, _("Doubtful")
    LOSS = 5, _("Loss")


NON_PERFORMING_FROM = LoanClass.SUBSTANDARD


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Imported")
    REJECTED = "rejected", _("Rejected")
    FAILED = "failed", _("Failed")


class FigureImport(models.Model):
    """One file (or API body) of monthly figures. A rejected import saved no figure and
    keeps the problems found; `content` holds the file until a worker has read it."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    file_name = models.CharField(_("file"), max_length=200)
    file_format = models.CharField(_("format"), max_length=10)
    checksum = models.CharField(_("SHA-256 of the file"), max_length=64)
    content = models.BinaryField(null=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_created = models.PositiveIntegerField(_("figures added"), default=0)
    rows_updated = models.PositiveIntegerField(_("figures replaced"), default=0)
    months = models.JSONField(_("months"), default=list)
    errors = models.JSONField(_("problems"), default=list)

    class Meta:
        verbose_name = _("figure import")
        verbose_name_plural = _("figure imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.REJECTED, ImportStatus.FAILED)


class MonthlyFigure(models.Model):
    """A customer's figures for one month (DOMAIN §3), in yuan; settlement in USD. `days`
    is the month's length, kept so that day-weighted averages are plain SQL sums."""

    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="monthly_figures",
        db_index=False,  # the unique (customer, year, month) index serves it
        # No database constraint: checking it row by row at commit took longer than the
        # rest of a bank-wide import. Every import checks all its customers in one join,
        # and Django's PROTECT still keeps a customer with figures from being deleted.
        db_constraint=False,
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    days = models.PositiveSmallIntegerField(_("days in month"))
    deposit_avg = models.DecimalField(_("daily-average deposits (yuan)"), **MONEY)
    loan_avg = models.DecimalField(_("daily-average loans (yuan)"), **MONEY)
    settlement_usd = models.DecimalField(_("international settlement (USD)"), **MONEY)
    loan_class = models.PositiveSmallIntegerField(
        _("loan class"), choices=LoanClass.choices, null=True, blank=True
    )
    interest_arrears = models.DecimalField(_("interest arrears (yuan)"), **MONEY)
    overdue_days = models.PositiveIntegerField(_("days overdue"))
    advances = models.DecimalField(_("advances (yuan)"), **MONEY)
    figure_import = models.ForeignKey(
        FigureImport,
        verbose_name=_("import"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        # Written by the import only, and imports are never deleted: neither an index
        # nor a row-by-row check at commit is worth its cost on half a million rows.
        db_constraint=False,
        db_index=False,
    )

    class Meta:
        verbose_name = _("monthly figure")
        verbose_name_plural = _("monthly figures")
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "year", "month"], name="one_figure_per_customer_and_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.year}-{self.month:02d}"


def _fen_field(label):
    return models.BigIntegerField(label, db_default=0)


class CustomerYearFigure(models.Model):
    """A customer's figures of one year, summed per quarter (columns `…_q1` to `…_q4`):
    deposits and loans as fen-days (Σ days × monthly daily average in fen, so a period's
    daily average is a sum over days), settlement in US cents (integers: the evaluation sums
    them exactly and several times faster than decimals); whether any month had a
    non-performing class, arrears or an advance; the class at the quarter's last month; and
    the most days overdue. Maintained by `performance.figure_rollups`, never edited."""

    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        related_name="year_figures",
    )
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        verbose_name = _("yearly roll-up of a customer's figures")
        verbose_name_plural = _("yearly roll-ups of customers' figures")
        constraints = [
            models.UniqueConstraint(fields=["year", "customer"], name="one_roll_up_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.year}"


QUARTER_COLUMNS = {
    "deposit_days": lambda: _fen_field(_("deposit fen-days")),
    "loan_days": lambda: _fen_field(_("loan fen-days")),
    "settlement_usd": lambda: _fen_field(_("international settlement (US cents)")),
    "non_performing": lambda: models.BooleanField(_("non-performing"), db_default=False),
    "arrears": lambda: models.BooleanField(_("interest arrears"), db_default=False),
    "advances": lambda: models.BooleanField(_("advances"), db_default=False),
    "loan_class_end": lambda: models.PositiveSmallIntegerField(
        _("loan class at quarter end"), null=True
    ),
    "overdue_days_max": lambda: models.PositiveIntegerField(_("most days overdue"), db_default=0),
}

for _quarter in QUARTERS:
    for _name, _field in QUARTER_COLUMNS.items():
        CustomerYearFigure.add_to_class(f"{_name}_q{_quarter}", _field())


class MonthlyTarget(models.Model):
    """R-JNL-2: the month's targets of one account manager, split down by their unit."""

    manager = models.ForeignKey(
        "managers.AccountManager",
        verbose_name=_("account manager"),
        on_delete=models.CASCADE,
        related_name="monthly_targets",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    deposit_avg = models.DecimalField(_("daily-average deposits target (yuan)"), **MONEY)
    loan_avg = models.DecimalField(
        _("daily-average loans target (yuan)"), **MONEY, null=True, blank=True
    )
    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()
    scope_unit_path = "manager__unit__path"
    scope_owner = "manager__user"

    class Meta:
        verbose_name = _("monthly target")
        verbose_name_plural = _("monthly targets")
        ordering = ["-year", "-month", "manager"]
        constraints = [
            models.UniqueConstraint(
                fields=["manager", "year", "month"],
                name="one_target_per_manager_and_month",
                violation_error_message=_("This account manager already has a target that month."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.manager} {self.year}-{self.month:02d}"
