"""What the R-DIS-4 deadlines measure, counted in Chinese working days (official
calendar, adjusted working days included): credit files handed over within 15 working
days of the loan, a preliminary opinion on a credit application within 3 working days
of receiving it. `due_on` is computed on save and refreshed by the daily detection, so
a holiday notice entered later moves it."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from managers.scoping import ScopedQuerySet

HANDOVER_WORKING_DAYS = 15  # R-DIS-4: "15个工作日内移交信贷档案"
OPINION_WORKING_DAYS = 3  # R-DIS-4: "3个工作日内提出初步意见"


class DeadlineRecord(models.Model):
    manager = models.ForeignKey(
        "managers.AccountManager",
        verbose_name=_("account manager"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("due on"), editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        editable=False,
    )

    scope_unit_path = "manager__unit__path"
    scope_owner = "manager__user"

    objects = ScopedQuerySet.as_manager()

    working_days = 0
    start_field = ""
    done_field = ""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from .deadline_rules import due_dates

        self.due_on = due_dates([self])[0]
        super().save(*args, **kwargs)

    @property
    def start(self) -> date:
        return getattr(self, self.start_field)

    @property
    def done(self) -> date | None:
        return getattr(self, self.done_field)

    def clean(self):
        if self.start and self.done and self.done < self.start:
            raise ValidationError({self.done_field: _("This is before the start of the period.")})


class CreditFileHandover(DeadlineRecord):
    loan_granted_on = models.DateField(_("loan granted on"))
    handed_over_on = models.DateField(_("files handed over on"), null=True, blank=True)
    history = HistoricalRecords()

    working_days = HANDOVER_WORKING_DAYS
    start_field = "loan_granted_on"
    done_field = "handed_over_on"

    class Meta:
        verbose_name = _("credit file handover")
        verbose_name_plural = _("credit file handovers")
        ordering = ["-loan_granted_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.customer} {self.loan_granted_on:%Y-%m-%d}"


class CreditApplication(DeadlineRecord):
    received_on = models.DateField(_("received on"))
    preliminary_opinion_on = models.DateField(_("preliminary opinion on"), null=True, blank=True)
    history = HistoricalRecords()

    working_days = OPINION_WORKING_DAYS
    start_field = "received_on"
    done_field = "preliminary_opinion_on"

    class Meta:
        verbose_name = _("credit application")
        verbose_name_plural = _("credit applications")
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.customer} {self.received_on:%Y-%m-%d}"
