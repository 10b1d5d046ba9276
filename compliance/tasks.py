"""Background work of the compliance app, run by Celery workers (in-process in the demo).
Thin: each task calls the detection and returns what it proposed. Idempotent, so a
re-delivered task proposes nothing twice."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from .discipline_triggers import detect_daily, detect_from_evaluations


@shared_task(name="compliance.detect_discipline_from_evaluations")
def detect_discipline_from_evaluations() -> dict:
    """R-ELG-4, R-DIS-1: after the quarterly evaluation (beat: the 10th, 08:00)."""
    return detect_from_evaluations().as_dict()


@shared_task(name="compliance.detect_discipline_daily")
def detect_discipline_daily(day: str | None = None) -> dict:
    """R-DIS-1, R-DIS-2: credit customers, second yellow cards and admonishments ended
    by `day` (ISO date; default today, Asia/Shanghai). Beat: daily at 03:30."""
    today = date.fromisoformat(day) if day else timezone.localdate()
    return detect_daily(today).as_dict()


@shared_task(name="compliance.detect_deadline_fines")
def detect_deadline_fines(day: str | None = None) -> dict:
    """R-DIS-4: late credit files and preliminary opinions. Beat: daily at 04:00."""
    from .deadline_services import detect_deadline_fines as detect

    today = date.fromisoformat(day) if day else timezone.localdate()
    return detect(today).as_dict()
