"""Write operations on work journals (R-JNL-1), their review with the next day's work
(R-VIS-2) and spot checks: validate, save and record who did it (django-simple-history)
in one transaction. Pages and the API call these and nothing else.

An account manager writes only their own journal, never for a future day, one per day,
and cannot change it once submitted. Unit heads and credit officers of the manager's
subtree review submitted journals; heads draw spot checks of their subtree.
"""

import math
import random
import secrets
from collections.abc import Mapping
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .choices import JournalStatus
from .journal_access import may_review, may_spot_check
from .models import AccountManager, JournalReview, JournalSpotCheck, OrgUnit, WorkJournal
from .models.journals import SECTION_FIELDS
from .own_records import acting_manager, own_records_refusal
from .working_days import WorkingCalendar
from .writes import save_validated


def _others_message() -> str:
    return _("Only account managers write work journals, each their own.")


def writer_refusal(user) -> str | None:
    """Why `user` may not write journals, or None when they may."""
    return own_records_refusal(user, others_message=_others_message())


def _acting_manager(actor) -> AccountManager:
    manager = acting_manager(actor, others_message=_others_message())
    # One writer at a time per manager: the "one journal a day" check cannot race.
    AccountManager.objects.select_for_update().filter(pk=manager.pk).first()
    return manager


def _clean_sections(sections: Mapping[str, str]) -> dict[str, str]:
    unknown = set(sections) - set(SECTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown journal sections: {sorted(unknown)}")
    return {name: (text or "").strip() for name, text in sections.items()}


def _refuse_future(day: date) -> None:
    if day > timezone.localdate():
        raise ValidationError(
            {"day": ValidationError(_("A journal cannot be written for a future day."), "future")}
        )


def _mark_submitted(journal: WorkJournal) -> None:
    if not any(getattr(journal, name).strip() for name in SECTION_FIELDS):
        raise ValidationError(
            _("Write at least one section before submitting the journal."), code="empty"
        )
    journal.status = JournalStatus.SUBMITTED
    journal.submitted_at = timezone.now()


@transaction.atomic
def journal_create(
    *, actor, day: date, sections: Mapping[str, str], submit: bool = False
) -> WorkJournal:
    """R-JNL-1: the actor's journal of `day` (today or earlier), kept as a draft or
    submitted at once. A second journal of the same day is refused."""
    manager = _acting_manager(actor)
    sections = _clean_sections(sections)
    _refuse_future(day)
    if WorkJournal.objects.filter(manager=manager, day=day).exists():
        message = _("You already have a journal for %(day)s: open it to continue.") % {
            "day": date_format(day, "Y-m-d")
        }
        raise ValidationError({"day": ValidationError(message, "duplicate")})
    journal = WorkJournal(manager=manager, day=day, **sections)
    if submit:
        _mark_submitted(journal)
    return save_validated(journal, actor)


@transaction.atomic
def journal_update(
    *, actor, journal: WorkJournal, sections: Mapping[str, str], submit: bool = False
) -> WorkJournal:
    """R-JNL-1: change the actor's own draft and optionally submit it. A submitted
    journal is final."""
    manager = _acting_manager(actor)
    sections = _clean_sections(sections)
    journal = WorkJournal.objects.select_for_update().get(pk=journal.pk)
    if journal.manager_id != manager.pk:
        raise PermissionDenied(_("Only the account manager who writes a journal changes it."))
    if not journal.is_draft:
        moment = date_format(timezone.localtime(journal.submitted_at), "Y-m-d H:i")
        message = _("This journal was submitted at %(time)s and can no longer be changed.")
        raise ValidationError(message % {"time": moment}, code="submitted")
    _refuse_future(journal.day)
    for name, text in sections.items():
        setattr(journal, name, text)
    if submit:
        _mark_submitted(journal)
    return save_validated(journal, actor)


def journal_submit(*, actor, journal: WorkJournal) -> WorkJournal:
    """R-JNL-1: submit the actor's draft as it is."""
    return journal_update(actor=actor, journal=journal, sections={}, submit=True)


@transaction.atomic
def journal_save(
    *, actor, day: date, sections: Mapping[str, str], submit: bool = False
) -> WorkJournal:
    """The "my journal of the day" page: create the day's journal or change its draft."""
    manager = _acting_manager(actor)
    existing = WorkJournal.objects.filter(manager=manager, day=day).first()
    if existing is None:
        return journal_create(actor=actor, day=day, sections=sections, submit=submit)
    return journal_update(actor=actor, journal=existing, sections=sections, submit=submit)


def assigned_work_day(journal_day: date, today: date) -> date:
    """R-VIS-2: the work the head assigns is for the working day after the journal's day;
    when that day has already passed (a late review), for the first working day from
    today."""
    calendar = WorkingCalendar.between(journal_day, max(journal_day, today) + timedelta(days=30))
    work_day = calendar.add_working_days(journal_day, 1)
    if work_day >= today:
        return work_day
    return today if calendar.is_working_day(today) else calendar.add_working_days(today, 1)


@transaction.atomic
def journal_review(
    *, actor, journal: WorkJournal, opinion: str, next_day_work: str = ""
) -> JournalReview:
    """R-JNL-1, R-VIS-2: the head (or credit officer) of the manager's subtree reads a
    submitted journal, signs an opinion and assigns the next working day's work."""
    if not may_review(actor):
        raise PermissionDenied(_("Only unit heads and credit officers review journals."))
    locked = (
        WorkJournal.objects.restrict(actor)
        .select_for_update(of=("self",))
        .filter(pk=journal.pk)
        .first()
    )
    if locked is None:
        raise PermissionDenied(_("This journal belongs to a unit outside yours."))
    journal = locked
    if journal.status == JournalStatus.DRAFT:
        raise ValidationError(_("This journal has not been submitted yet."), code="draft")
    if journal.status == JournalStatus.REVIEWED:
        raise ValidationError(_("This journal has already been reviewed."), code="reviewed")
    opinion = (opinion or "").strip()
    if not opinion:
        raise ValidationError({"opinion": ValidationError(_("Sign an opinion."), "required")})
    review = JournalReview(
        journal=journal,
        reviewer=actor,
        opinion=opinion,
        next_day_work=(next_day_work or "").strip(),
        work_day=assigned_work_day(journal.day, timezone.localdate()),
        reviewed_at=timezone.now(),
    )
    save_validated(review, actor)
    journal.status = JournalStatus.REVIEWED
    save_validated(journal, actor)
    return review


def _sample_size(population: int, count: int | None, percent: int | None) -> int:
    if count is not None:
        return min(count, population)
    return max(1, math.ceil(population * percent / 100))


@transaction.atomic
def spot_check_draw(
    *,
    actor,
    unit: OrgUnit,
    start: date,
    end: date,
    count: int | None = None,
    percent: int | None = None,
    seed: int | None = None,
) -> JournalSpotCheck:
    """R-JNL-1 "heads spot-check journals": a random sample of `count` journals, or of
    `percent` % of them, among the journals submitted for start…end in `unit`'s subtree.
    The sample and its seed are recorded: the same seed over the same journals draws the
    same sample."""
    if not may_spot_check(actor):
        raise PermissionDenied(_("Only unit heads spot-check journals."))
    errors = {}
    if not OrgUnit.objects.restrict(actor).filter(pk=unit.pk).exists():
        errors["unit"] = _("Choose one of your units.")
    if start > end:
        errors["end"] = _("The period ends before it starts.")
    elif end > timezone.localdate():
        errors["end"] = _("The period cannot end in the future.")
    if (count is None) == (percent is None):
        errors["count"] = _("Give either a number of journals or a percentage, not both.")
    if errors:
        raise ValidationError(errors)
    population = list(
        WorkJournal.objects.filter(
            manager__unit__path__startswith=unit.path, day__range=(start, end)
        )
        .exclude(status=JournalStatus.DRAFT)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not population:
        raise ValidationError(_("No journal was submitted in this period."), code="empty")
    seed = secrets.randbits(31) if seed is None else seed
    sample = random.Random(seed).sample(population, _sample_size(len(population), count, percent))
    spot_check = JournalSpotCheck(
        unit=unit,
        period_start=start,
        period_end=end,
        requested_count=count,
        requested_percent=percent,
        seed=seed,
        population=len(population),
        drawn_by=actor,
        drawn_at=timezone.now(),
    )
    save_validated(spot_check, actor)
    spot_check.journals.set(sample)
    return spot_check


@transaction.atomic
def spot_check_conclude(
    *, actor, spot_check: JournalSpotCheck, conclusion: str
) -> JournalSpotCheck:
    """The head's written conclusion of a spot check (R-JNL-1); it may be revised."""
    if not may_spot_check(actor):
        raise PermissionDenied(_("Only unit heads spot-check journals."))
    locked = (
        JournalSpotCheck.objects.restrict(actor)
        .select_for_update(of=("self",))
        .filter(pk=spot_check.pk)
        .first()
    )
    if locked is None:
        raise PermissionDenied(_("This spot check belongs to a unit outside yours."))
    conclusion = (conclusion or "").strip()
    if not conclusion:
        raise ValidationError({"conclusion": _("Write the conclusion of the spot check.")})
    locked.conclusion = conclusion
    locked.concluded_at = timezone.now()
    return save_validated(locked, actor)
