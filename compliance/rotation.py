"""Rotation of account managers and judicial measures (R-PRO-10, R-PRO-11), and the
review thresholds of the customer-data access log (R-PRO-8). Each policy is one row,
seeded by a migration and editable in admin."""

from datetime import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from managers.scoping import ScopedQuerySet

ONE = [MinValueValidator(1)]


class SingleRow(models.Model):
    class Meta:
        abstract = True

    @classmethod
    def current(cls):
        return cls.objects.order_by("pk").first() or cls()


class RotationPolicy(SingleRow):
    """R-PRO-11: rotation every 3 years (configurable); R-PRO-10: a rotated AM may not
    head their former outlet within one year."""

    years = models.PositiveSmallIntegerField(_("rotation after (years)"), default=3, validators=ONE)
    notice_days = models.PositiveSmallIntegerField(
        _("list rotations due within (days)"), default=90, validators=ONE
    )
    cooling_off_days = models.PositiveSmallIntegerField(
        _("no head of the former outlet within (days)"), default=365, validators=ONE
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rotation policy")
        verbose_name_plural = _("rotation policy")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class AccessReviewPolicy(SingleRow):
    """R-PRO-8: what the access-log review highlights."""

    daily_threshold = models.PositiveIntegerField(
        _("reveals and exports per person per day above which to highlight"),
        default=20,
        validators=ONE,
    )
    day_starts = models.TimeField(_("working hours from"), default=time(7, 30))
    day_ends = models.TimeField(_("working hours until"), default=time(18, 30))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("access review policy")
        verbose_name_plural = _("access review policy")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    def clean(self):
        if self.day_starts and self.day_ends and self.day_ends <= self.day_starts:
            raise ValidationError({"day_ends": _("Working hours end after they start.")})


class JudicialMeasureQuerySet(ScopedQuerySet):
    def in_force(self, on) -> models.QuerySet:
        return self.filter(Q(until__isnull=True) | Q(until__gte=on), since__lte=on)


class JudicialMeasure(models.Model):
    """R-PRO-11: an AM under arrest or bail issues no loans from the day the unit is
    notified: no new credit customers are assigned to them (`customers.services`)."""

    manager = models.ForeignKey(
        "managers.AccountManager",
        verbose_name=_("account manager"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    since = models.DateField(_("under judicial measures from"))
    until = models.DateField(_("until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        editable=False,
    )
    history = HistoricalRecords()

    scope_unit_path = "manager__unit__path"
    scope_owner = "manager__user"

    objects = JudicialMeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("judicial measure")
        verbose_name_plural = _("judicial measures")
        ordering = ["-since", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="judicial_measure_ends_after_start",
                violation_error_message=_("The end date is before the start date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.manager} {self.since:%Y-%m-%d}"
