"""Customers, their assignment to account managers (管户) with credit shares, transfers,
visits and outings (R-CUS-1…7, R-VIS-1…2)."""

from datetime import time
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from managers.scoping import ScopedQuerySet

from .choices import CreditBasis, CustomerKind, CustomerSource, CustomerTier, VisitMethod
from .validators import validate_mainland_phone, validate_resident_id

MONEY = {"max_digits": 18, "decimal_places": 2}
DEFAULT_RETURN_BY = time(17, 0)
SHARE = {
    "max_digits": 5,
    "decimal_places": 4,
    "validators": [MinValueValidator(Decimal("0.0001")), MaxValueValidator(Decimal("1"))],
}


class Customer(models.Model):
    """A customer of the bank, identified by its core-banking customer number."""

    number = models.CharField(_("customer number"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=CustomerKind.choices)
    is_credit = models.BooleanField(_("credit customer"), default=False)
    unit = models.ForeignKey(
        "managers.OrgUnit",
        verbose_name=_("org unit"),
        on_delete=models.PROTECT,
        related_name="customers",
    )
    opened_on = models.DateField(_("account opened on"))
    has_basic_account = models.BooleanField(_("basic account"), default=False)
    source = models.CharField(_("source"), max_length=20, choices=CustomerSource.choices)
    tier = models.CharField(
        _("tier"), max_length=20, choices=CustomerTier.choices, blank=True, default=""
    )
    contact_person = models.CharField(_("contact person"), max_length=100, blank=True)
    # Personal data (R-CUS-7): shown masked; revealing it is logged.
    id_number = models.CharField(
        _("ID number"), max_length=18, blank=True, validators=[validate_resident_id]
    )
    phone = models.CharField(
        _("phone"), max_length=11, blank=True, validators=[validate_mainland_phone]
    )
    # Latest figures known (kept by the figure import), for the R-ELG-6 warning.
    deposit_daily_avg = models.DecimalField(
        _("deposit daily average (yuan)"), **MONEY, default=Decimal("0")
    )
    loan_balance = models.DecimalField(_("loan balance (yuan)"), **MONEY, default=Decimal("0"))
    history = HistoricalRecords()

    scope_unit_path = "unit__path"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["number"]
        indexes = [models.Index(fields=["kind", "is_credit"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.number}）"

    @staticmethod
    def scope_owner(user) -> Q:
        """An account manager sees the customers they currently hold (no duplicate rows)."""
        held = Assignment.objects.filter(manager__user=user.pk, end_date__isnull=True)
        return Q(pk__in=held.values("customer_id"))


class AssignmentQuerySet(ScopedQuerySet):
    def current(self, on=None):
        """Assignments in force on `on` (default: open-ended ones)."""
        if on is None:
            return self.filter(end_date__isnull=True)
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on)


class Assignment(models.Model):
    """An account manager's share of a customer (管户, 绩效认领, R-CUS-2, R-CUS-4).

    Shares of the assignments in force on `whole` and `increase` bases never exceed 100%
    for one customer; `baseline` assignments (the former holder after a transfer) credit
    the existing business up to `baseline_deposit_avg`."""

    customer = models.ForeignKey(
        Customer,
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    manager = models.ForeignKey(
        "managers.AccountManager",
        verbose_name=_("account manager"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    credit_share = models.DecimalField(_("credit share"), **SHARE)
    basis = models.CharField(
        _("credit basis"), max_length=20, choices=CreditBasis.choices, default=CreditBasis.WHOLE
    )
    baseline_deposit_avg = models.DecimalField(
        _("baseline deposit daily average (yuan)"), **MONEY, null=True, blank=True
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    scope_unit_path = "customer__unit__path"
    scope_owner = "manager__user"

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["customer", "-credit_share"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="assignment_ends_after_start",
                violation_error_message=_("The end date is before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(credit_share__gt=0) & Q(credit_share__lte=1),
                name="assignment_share_between_0_and_1",
                violation_error_message=_("A credit share is between 0 and 100%."),
            ),
            models.UniqueConstraint(
                fields=["customer", "manager", "basis"],
                condition=Q(end_date__isnull=True),
                name="one_open_assignment_per_manager_and_basis",
                violation_error_message=_("This account manager already holds this customer."),
            ),
        ]
        indexes = [models.Index(fields=["manager", "end_date"])]

    def __str__(self) -> str:
        return f"{self.customer} → {self.manager} {self.credit_share:.0%}"


class Transfer(models.Model):
    """A handover of a customer from one account manager to another (R-CUS-4)."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="transfers"
    )
    from_manager = models.ForeignKey(
        "managers.AccountManager",
        verbose_name=_("from"),
        on_delete=models.PROTECT,
        related_name="transfers_out",
    )
    to_manager = models.ForeignKey(
        "managers.AccountManager",
        verbose_name=_("to"),
        on_delete=models.PROTECT,
        related_name="transfers_in",
    )
    transfer_date = models.DateField(_("transfer date"))
    baseline_deposit_avg = models.DecimalField(_("baseline deposit daily average (yuan)"), **MONEY)
    increase_share = models.DecimalField(_("share of the increase"), **SHARE)
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    scope_unit_path = "customer__unit__path"
    scope_owner = "to_manager__user"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-transfer_date", "-pk"]

    def __str__(self) -> str:
        return f"{self.customer}: {self.from_manager} → {self.to_manager}"


class CreditShareMinimum(models.Model):
    """R-CUS-4 minimum share for the main account manager, per customer source
    (configurable; seeded with the defaults)."""

    source = models.CharField(
        _("source"), max_length=20, choices=CustomerSource.choices, unique=True
    )
    minimum_share = models.DecimalField(_("minimum share"), **SHARE)
    non_deposit_minimum_share = models.DecimalField(
        _("minimum share of non-deposit business"), **SHARE, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("credit share minimum")
        verbose_name_plural = _("credit share minimums")

    def __str__(self) -> str:
        return f"{self.get_source_display()} ≥ {self.minimum_share:.0%}"


class OutingPolicy(models.Model):
    """R-VIS-2: account managers return by this time to write up visits (configurable).
    One row, seeded with 17:00."""

    return_by = models.TimeField(_("return by"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outing policy")
        verbose_name_plural = _("outing policy")

    def __str__(self) -> str:
        return f"{self.return_by:%H:%M}"

    @classmethod
    def current(cls) -> "OutingPolicy":
        return cls.objects.order_by("pk").first() or cls(return_by=DEFAULT_RETURN_BY)


class VisitFrequency(models.Model):
    """R-VIS-1: how often customers of a tier are visited (configurable)."""

    tier = models.CharField(_("tier"), max_length=20, choices=CustomerTier.choices, unique=True)
    every_days = models.PositiveSmallIntegerField(
        _("visit at least every (days)"), validators=[MinValueValidator(1)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("visit frequency")
        verbose_name_plural = _("visit frequencies")

    def __str__(self) -> str:
        return f"{self.get_tier_display()}: {self.every_days}"


class Visit(models.Model):
    """A customer visit record (R-VIS-1)."""

    manager = models.ForeignKey(
        "managers.AccountManager",
        verbose_name=_("account manager"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="visits"
    )
    method = models.CharField(_("method"), max_length=20, choices=VisitMethod.choices)
    visited_at = models.DateTimeField(_("visited at"))
    person_met = models.CharField(_("person met"), max_length=100)
    person_department = models.CharField(_("department"), max_length=100, blank=True)
    person_position = models.CharField(_("position"), max_length=100, blank=True)
    purpose = models.TextField(_("purpose and intended result"))
    outcome = models.TextField(_("outcome and information gathered"))
    next_steps = models.TextField(_("next steps"), blank=True)
    outing = models.ForeignKey(
        "customers.Outing",
        verbose_name=_("outing"),
        on_delete=models.SET_NULL,
        related_name="visits",
        null=True,
        blank=True,
    )
    history = HistoricalRecords()

    scope_unit_path = "manager__unit__path"
    scope_owner = "manager__user"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-visited_at", "-pk"]
        indexes = [models.Index(fields=["customer", "-visited_at"])]

    def __str__(self) -> str:
        return f"{self.customer} · {self.visited_at:%Y-%m-%d}"


class Outing(models.Model):
    """An outing registered before leaving to visit a customer (外出登记, R-VIS-2)."""

    manager = models.ForeignKey(
        "managers.AccountManager",
        verbose_name=_("account manager"),
        on_delete=models.PROTECT,
        related_name="outings",
    )
    customer = models.ForeignKey(
        Customer,
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="outings",
        null=True,
        blank=True,
    )
    destination = models.CharField(_("destination"), max_length=200)
    purpose = models.TextField(_("purpose"))
    left_at = models.DateTimeField(_("left at"))
    expected_return_at = models.DateTimeField(_("expected return"))
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    history = HistoricalRecords()

    scope_unit_path = "manager__unit__path"
    scope_owner = "manager__user"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("outing")
        verbose_name_plural = _("outings")
        ordering = ["-left_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_return_at__gt=models.F("left_at")),
                name="outing_returns_after_leaving",
                violation_error_message=_("The expected return is before leaving."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.manager} → {self.destination}"
