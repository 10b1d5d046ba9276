"""Outing checks (R-VIS-2, R-DIS-4): a unit head or compliance officer found an account
manager at, or not at, the place of a registered outing. Misses lead to proposals: 100
yuan the first time, standing down (待岗) from the second (see `outing_services`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from managers.scoping import ScopedQuerySet


class OutingCheck(models.Model):
    outing = models.ForeignKey(
        "customers.Outing", verbose_name=_("outing"), on_delete=models.PROTECT, related_name="+"
    )
    manager = models.ForeignKey(
        "managers.AccountManager",
        verbose_name=_("account manager"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    checked_at = models.DateTimeField(_("checked at"))
    at_registered_place = models.BooleanField(_("found at the registered place"), default=False)
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    scope_unit_path = "manager__unit__path"
    scope_owner = "manager__user"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("outing check")
        verbose_name_plural = _("outing checks")
        ordering = ["-checked_at", "-pk"]
        indexes = [models.Index(fields=["manager", "checked_at"])]

    def __str__(self) -> str:
        return f"{self.manager} {self.checked_at:%Y-%m-%d %H:%M}"
