"""Who decided a proposal or a request, and when: the same two fields on grade changes
(R-GRD-4), leave requests (R-MTG-2), disciplinary actions and fine proposals (R-DIS),
written by the service that decides."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Decided(models.Model):
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        abstract = True
