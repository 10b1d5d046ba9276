"""Background work of the meetings app, run by Celery workers (in-process in the demo)."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from .discipline import discipline_detect


@shared_task(name="meetings.detect_discipline")
def detect_discipline(day: str | None = None) -> dict:
    """R-MTG-2, R-DIS-4 for `day` (ISO date; default today, Asia/Shanghai), on the beat
    schedule at 08:45. Non-working days are skipped by the calendar; re-running is
    harmless (idempotent)."""
    target = date.fromisoformat(day) if day else timezone.localdate()
    return discipline_detect(start=target).as_dict()
