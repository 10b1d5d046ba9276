"""The catalogue of prohibitions (十严禁, R-PRO-1…10) and other conduct rules (R-PRO-11),
and each account manager's yearly acknowledgement of it.

Administrators edit the catalogue in admin; every edit of a rule's wording raises its
version and leaves a history row. An acknowledgement records the catalogue's fingerprint
(a digest of the active rules' wording), so that a later edit asks for a new one.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from managers.scoping import ScopedQuerySet


class Prohibition(models.Model):
    code = models.CharField(_("rule id"), max_length=20, unique=True, help_text="R-PRO-n")
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=100)
    text = models.TextField(_("text"))
    is_active = models.BooleanField(_("in force"), default=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    revised_at = models.DateTimeField(_("last revised"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("prohibition")
        verbose_name_plural = _("prohibitions catalogue")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


def catalogue_fingerprint(rules) -> str:
    """A digest of the wording of `rules` (the active prohibitions, in order)."""
    digest = hashlib.sha256()
    for rule in rules:
        digest.update(f"{rule.code}\x1f{rule.title}\x1f{rule.text}\x1e".encode())
    return digest.hexdigest()


def current_fingerprint() -> str:
    return catalogue_fingerprint(Prohibition.objects.filter(is_active=True))


class ProhibitionAcknowledgement(models.Model):
    """An account manager read and acknowledged the catalogue in force, once a year
    (again when the catalogue changed that year; the history keeps the earlier one)."""

    manager = models.ForeignKey(
        "managers.AccountManager",
        verbose_name=_("account manager"),
        on_delete=models.PROTECT,
        related_name="prohibition_acknowledgements",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"))
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    fingerprint = models.CharField(_("catalogue fingerprint"), max_length=64)
    history = HistoricalRecords()

    scope_unit_path = "manager__unit__path"
    scope_owner = "manager__user"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("acknowledgement of the prohibitions")
        verbose_name_plural = _("acknowledgements of the prohibitions")
        ordering = ["-year", "manager"]
        constraints = [
            models.UniqueConstraint(
                fields=["manager", "year"],
                name="one_prohibition_acknowledgement_per_year",
                violation_error_message=_("Already acknowledged this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.manager} {self.year}"
