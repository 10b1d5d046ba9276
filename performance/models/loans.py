"""Loans with their maturity dates (R-RPT-1, 到期贷款情况表) and the new-account targets per
sub-branch (R-CUS-6, R-RPT-4).

A `Loan` is one loan contract as the core-banking system sends it (bulk API, upserted by
contract number); its customer's org unit scopes it. `NewAccountPolicy` is one row, seeded
by a migration with DOMAIN's defaults and editable in admin."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from customers.models import Assignment
from managers.scoping import ScopedQuerySet

from .rule_sets import MONEY


class Loan(models.Model):
    """R-RPT-1: a loan contract, its outstanding balance and when it falls due."""

    contract_number = models.CharField(_("contract number"), max_length=40, unique=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="loans",
    )
    balance = models.DecimalField(_("balance (yuan)"), **MONEY)
    start_date = models.DateField(_("start date"))
    due_on = models.DateField(_("maturity date"), db_index=True)
    history = HistoricalRecords()

    scope_unit_path = "customer__unit__path"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        ordering = ["due_on", "contract_number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=F("start_date")),
                name="loan_due_after_start",
                violation_error_message=_("The maturity date is before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(balance__gte=0),
                name="loan_balance_not_negative",
                violation_error_message=_("A balance is not negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.contract_number

    @staticmethod
    def scope_owner(user) -> Q:
        """An account manager sees the loans of the customers they currently hold."""
        held = Assignment.objects.filter(manager__user=user.pk, end_date__isnull=True)
        return Q(customer__in=held.values("customer_id"))


ONE = [MinValueValidator(1)]
DEFAULT_CORPORATE_PER_WEEK = 1
DEFAULT_CORPORATE_PER_MONTH = 4
DEFAULT_BASIC_PER_MONTH = 2


class NewAccountPolicy(models.Model):
    """R-CUS-6 (configurable): new accounts each sub-branch opens at least."""

    corporate_per_week = models.PositiveSmallIntegerField(
        _("new corporate settlement accounts a week"),
        default=DEFAULT_CORPORATE_PER_WEEK,
        validators=ONE,
    )
    corporate_per_month = models.PositiveSmallIntegerField(
        _("new corporate settlement accounts a month"),
        default=DEFAULT_CORPORATE_PER_MONTH,
        validators=ONE,
    )
    basic_per_month = models.PositiveSmallIntegerField(
        _("new basic accounts a month"), default=DEFAULT_BASIC_PER_MONTH, validators=ONE
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("new-account targets")
        verbose_name_plural = _("new-account targets")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "NewAccountPolicy":
        return cls.objects.order_by("pk").first() or cls()
