"""A meeting held by a unit and the attendance of each expected member (R-MTG-1…3).

Attendance status is derived from the sign-in and leaving times and approved leave by
`meetings.rules` (never typed in) and stored so lists and rates can filter and count it.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from managers.scoping import ScopedQuerySet

from ..choices import AttendanceStatus
from .members import PersonFields, one_person, unique_per_person
from .types import MeetingType


class Meeting(models.Model):
    unit = models.ForeignKey(
        "managers.OrgUnit",
        verbose_name=_("org unit"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    meeting_type = models.ForeignKey(
        MeetingType, verbose_name=_("meeting type"), on_delete=models.PROTECT, related_name="+"
    )
    combined_with = models.ForeignKey(
        MeetingType,
        verbose_name=_("also held as"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("R-MTG-3: e.g. the monthly analysis meeting held together with this one."),
    )
    date = models.DateField(_("date"), editable=False)
    starts_at = models.DateTimeField(_("started at"))
    ends_at = models.DateTimeField(_("ended at"))
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("host"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.CharField(_("place"), max_length=100)
    study = models.TextField(_("study of laws and rules"), blank=True)
    reports = models.TextField(_("reports and difficulties"), blank=True)
    priorities = models.TextField(_("today's priorities"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    scope_unit_path = "unit__path"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["date", "unit"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_it_starts",
                violation_error_message=_("A meeting cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["unit", "meeting_type", "date"],
                name="one_meeting_of_a_type_per_unit_and_day",
                violation_error_message=_(
                    "This unit already has a meeting of this type on this day."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.unit} {self.meeting_type}"

    def save(self, *args, **kwargs):
        self._set_date()
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        self._set_date()  # before validation: the one-a-day constraint reads it
        super().clean_fields(exclude=exclude)

    def _set_date(self) -> None:
        """`date` is the start's day in the bank's time zone (Asia/Shanghai)."""
        if self.starts_at:
            self.date = timezone.localtime(self.starts_at, timezone.get_default_timezone()).date()


class Attendance(PersonFields):
    """One expected member at one meeting (R-MTG-2: the sign-in register)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
    )
    signed_in_at = models.DateTimeField(_("signed in at"), null=True, blank=True)
    left_at = models.DateTimeField(
        _("left at"), null=True, blank=True, help_text=_("Only when leaving before the end.")
    )
    status = models.CharField(
        _("attendance"), max_length=20, choices=AttendanceStatus.choices, editable=False
    )
    minutes_late = models.PositiveIntegerField(_("minutes late"), default=0, editable=False)
    leave = models.ForeignKey(
        "meetings.LeaveRequest",
        verbose_name=_("leave"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )
    history = HistoricalRecords()

    scope_unit_path = "meeting__unit__path"
    scope_owner = "manager__user"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "pk"]
        constraints = [
            one_person("attendance_names_one_person"),
            *unique_per_person(
                ["meeting"],
                "one_attendance_per_person_and_meeting",
                _("This person is already on the meeting's register."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.get_status_display()}"
