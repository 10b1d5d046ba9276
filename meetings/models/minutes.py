"""Quarterly spot-check of minutes (R-MTG-3): the credit line scores a sample of each
unit's minutes; the scores roll up per unit and feed the department's assessment."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from managers.scoping import ScopedQuerySet

from .meeting import Meeting

MAX_SCORE = 100


class MinutesScore(models.Model):
    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="minutes_score",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scored by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(MAX_SCORE)])
    note = models.TextField(_("note"), blank=True)
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)
    history = HistoricalRecords()

    scope_unit_path = "meeting__unit__path"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("minutes score")
        verbose_name_plural = _("minutes scores")
        ordering = ["-scored_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__lte=MAX_SCORE),
                name="minutes_score_at_most_100",
                violation_error_message=_("A score is out of 100."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.score}"
