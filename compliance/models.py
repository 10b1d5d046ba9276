"""Compliance records. So far: the log of access to customer personal data (R-PRO-8,
R-CUS-7), which nobody can edit or delete through the application."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from customers.choices import AccessAction
from managers.scoping import ScopedQuerySet


class CustomerDataAccess(models.Model):
    """Who saw or exported which customers' personal data, when, why and from where."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=AccessAction.choices)
    customer_numbers = models.JSONField(_("customer numbers"), default=list)
    customer_count = models.PositiveIntegerField(_("number of customers"))
    fields = models.CharField(_("data"), max_length=200)
    purpose = models.TextField(_("purpose"))
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    path = models.CharField(_("page or endpoint"), max_length=300)

    # The log belongs to the unit of the person who accessed the data.
    scope_unit_path = "user__org_unit__path"
    scope_owner = "user"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("customer data access")
        verbose_name_plural = _("customer data access log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.get_action_display()}"


from .deadlines import CreditApplication, CreditFileHandover  # noqa: E402, F401 (R-DIS-4)
from .discipline import DisciplinaryAction  # noqa: E402, F401 (R-DIS-1…3)
from .fines import FineProposal, FineRate  # noqa: E402, F401 (R-DIS-4 fines)
from .outings import OutingCheck  # noqa: E402, F401 (R-DIS-4 outings)
from .prohibitions import Prohibition, ProhibitionAcknowledgement  # noqa: E402, F401 (R-PRO)
from .rotation import (  # noqa: E402, F401 (R-PRO-8, R-PRO-10, R-PRO-11)
    AccessReviewPolicy,
    JudicialMeasure,
    RotationPolicy,
)
from .violations import Evidence, ViolationCase, ViolationStep  # noqa: E402, F401 (R-PRO)
