"""Enumerations of the meetings app (R-MTG-1…4)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Cadence(models.TextChoices):
    """How often a meeting type is held (R-MTG-1, R-MTG-3, R-MTG-4)."""

    WORKING_DAY = "working_day", _("Every working day")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class AttendanceStatus(models.TextChoices):
    """R-MTG-2: derived from the sign-in and leaving times and approved leave, never typed."""

    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    LEFT_EARLY = "left_early", _("Left early")
    ABSENT = "absent", _("Absent")
    ON_LEAVE = "on_leave", _("On approved leave")


ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY)


class LeaveStatus(models.TextChoices):
    """R-MTG-2: leave is asked in advance and approved by the unit head before the meeting."""

    REQUESTED = "requested", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class TodayStatus(models.TextChoices):
    """A unit's morning meeting today, as the head's page shows it (R-MTG-1, R-MTG-2)."""

    HELD = "held", _("Held")
    NOT_YET = "not_yet", _("Not yet")
    NOT_HELD = "not_held", _("Not held")
    NOT_WORKING_DAY = "not_working_day", _("Not a working day")
