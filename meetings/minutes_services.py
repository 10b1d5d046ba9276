"""Scoring minutes in the quarterly spot-check (R-MTG-3). The credit line (credit
officers) or compliance scores; nobody scores their own unit's minutes or a meeting they
hosted. A second score of the same minutes replaces the first (history keeps both)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from managers.writes import save_validated

from .access import may_review_minutes
from .models import Meeting, MinutesScore
from .models.minutes import MAX_SCORE


@transaction.atomic
def minutes_score(*, actor, meeting: Meeting, score: int, note: str = "") -> MinutesScore:
    if not may_review_minutes(actor):
        raise PermissionDenied(_("Only the credit line and compliance score minutes."))
    meeting = Meeting.objects.restrict(actor).filter(pk=meeting.pk).first()
    if meeting is None:
        raise PermissionDenied(_("This meeting is outside your scope."))
    errors = {}
    if not actor.sees_whole_bank and actor.org_unit_id == meeting.unit_id:
        errors["meeting"] = _("Minutes are scored by someone outside the unit.")
    if meeting.host_id == actor.pk:
        errors["meeting"] = _("You hosted this meeting: someone else scores its minutes.")
    if score is None or not 0 <= score <= MAX_SCORE:
        errors["score"] = _("A score is between 0 and 100.")
    if errors:
        raise ValidationError(errors)
    record = MinutesScore.objects.select_for_update().filter(meeting=meeting).first()
    record = record or MinutesScore(meeting=meeting)
    record.reviewer = actor
    record.score = score
    record.note = note.strip()
    return save_validated(record, actor)
