"""Enumerations of fine proposals (R-DIS-4, R-MTG-2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FineReason(models.TextChoices):
    """What a fine is proposed for. R-MTG-2: a unit that held no morning meeting fines its
    director; R-DIS-4: lateness, and leave not approved in advance counts as absence."""

    NO_MORNING_MEETING = "no_morning_meeting", _("No morning meeting held")
    LATE = "late", _("Late")
    LEFT_EARLY = "left_early", _("Left early")
    ABSENT = "absent", _("Absent without approved leave")
    # R-DIS-4: outings and deadlines counted in Chinese working days.
    OUTING_ABSENT = "outing_absent", _("Not at the registered outing place")
    CREDIT_FILE_LATE = "credit_file_late", _("Credit files handed over late")
    OPINION_LATE = "opinion_late", _("Preliminary credit opinion late")


class FineStatus(models.TextChoices):
    """A proposal is never a deduction by itself: compliance confirms or waives it.
    `withdrawn` is set by detection when a corrected record no longer supports it."""

    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    WAIVED = "waived", _("Waived")
    WITHDRAWN = "withdrawn", _("Withdrawn")
