"""Meeting types and their schedules, as data an administrator edits (R-MTG-1…4).
Seeded by a migration with DOMAIN's defaults: morning meeting every working day
7:50–8:30, morning training, weekly meeting Wednesday 7:30–8:00, monthly communication
and analysis meetings."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import Cadence, Weekday


class MeetingTypeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class MeetingType(models.Model):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=50)
    cadence = models.CharField(_("held"), max_length=20, choices=Cadence.choices)
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=Weekday.choices, null=True, blank=True
    )
    starts_at = models.TimeField(
        _("starts at"),
        null=True,
        blank=True,
        help_text=_("Members arrive by then; a sign-in after the meeting's start is late."),
    )
    ends_by = models.TimeField(_("over by"), null=True, blank=True)
    flag_if_missing = models.BooleanField(
        _("flag a working day without it"),
        default=False,
        help_text=_("R-MTG-2: a unit that does not hold it is flagged and its director fined."),
    )
    may_combine = models.BooleanField(_("may be combined with another meeting"), default=False)
    minutes_sample = models.PositiveSmallIntegerField(
        _("minutes spot-checked per unit and quarter"),
        default=0,
        validators=[MaxValueValidator(50)],
    )
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    objects = MeetingTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting type")
        verbose_name_plural = _("meeting types")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        errors = {}
        if self.cadence == Cadence.WEEKLY and self.weekday is None:
            errors["weekday"] = _("A weekly meeting needs its weekday.")
        if self.starts_at and self.ends_by and self.ends_by <= self.starts_at:
            errors["ends_by"] = _("The meeting must be over after it starts.")
        if self.flag_if_missing and (self.cadence != Cadence.WORKING_DAY or not self.ends_by):
            errors["flag_if_missing"] = _(
                "Only a meeting held every working day, with an end time, can be flagged "
                "when missing."
            )
        if errors:
            raise ValidationError(errors)
