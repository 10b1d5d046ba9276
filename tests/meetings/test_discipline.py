"""Discipline detection (R-MTG-2, R-DIS-4) on the official calendar: across the 2026
National Day holiday (1–7 October off, Sunday 20 September and Saturday 10 October
worked), a unit with account managers that held no morning meeting on a working day
gives its director a fine proposal of at least 500 yuan; lateness and absence without
approved leave give fines per R-DIS-4. Re-running never doubles anything."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from compliance.fine_choices import FineReason, FineStatus
from compliance.fines import FineProposal, FineRate
from config.celery import app
from meetings.discipline import discipline_detect
from meetings.tasks import detect_discipline
from tests.factories import AccountManagerFactory

from .helpers import (
    NATIONAL_DAY,
    SAT_10_OCT,
    SUN_11_OCT,
    SUN_20_SEP,
    WED_30_SEP,
    at,
    meeting_type,
    record,
)

pytestmark = pytest.mark.usefixtures("english")

AFTER = at(SAT_10_OCT, 23)  # detection runs after the days it checks


def no_meeting_flags() -> set:
    return set(
        FineProposal.objects.filter(reason=FineReason.NO_MORNING_MEETING).values_list(
            "staff__username", "unit__name", "day", "amount"
        )
    )


def hold_all(bank, day):
    for unit, host in ((bank.sub_a, bank.head_a), (bank.outlet_a1, bank.head_a)):
        record(host, unit, day, signed={})
    record(bank.head_b, bank.sub_b, day, signed={bank.am_b: (7, 40)})


def test_no_flag_on_the_holiday_and_a_flag_on_the_adjusted_saturday(bank):
    """R-MTG-2 across National Day 2026: 1 October is off, 10 October is worked."""
    hold_all(bank, WED_30_SEP)
    result = discipline_detect(start=WED_30_SEP, end=SUN_11_OCT, now=at(SUN_11_OCT, 9))
    assert result.working_days == [WED_30_SEP, date(2026, 10, 8), date(2026, 10, 9), SAT_10_OCT]
    days = {day for _user, _unit, day, _amount in no_meeting_flags()}
    assert NATIONAL_DAY not in days and SUN_11_OCT not in days and WED_30_SEP not in days
    assert SAT_10_OCT in days
    saturday = {flag for flag in no_meeting_flags() if flag[2] == SAT_10_OCT}
    # The outlet has no director of its own: its sub-branch's director answers for it.
    assert saturday == {
        ("head_a", "城东支行", SAT_10_OCT, Decimal("500.00")),
        ("head_a", "城东第一网点", SAT_10_OCT, Decimal("500.00")),
        ("head_b", "城西支行", SAT_10_OCT, Decimal("500.00")),
    }


def test_the_adjusted_sunday_is_a_working_day_too(bank):
    discipline_detect(start=SUN_20_SEP, now=at(SUN_20_SEP, 9))
    assert {day for *_rest, day, _amount in no_meeting_flags()} == {SUN_20_SEP}


def test_no_flag_before_the_meeting_must_be_over(bank):
    """R-MTG-1: over by 8:30; at 8:20 the meeting may still be under way."""
    assert not discipline_detect(start=SAT_10_OCT, now=at(SAT_10_OCT, 8, 20)).missing
    assert not FineProposal.objects.exists()
    assert discipline_detect(start=SAT_10_OCT, now=at(SAT_10_OCT, 8, 30)).missing


def test_a_unit_without_account_managers_holds_no_meeting(bank):
    bank.am_b.status = "exited"
    bank.am_b.save()
    discipline_detect(start=SAT_10_OCT, now=AFTER)
    assert "head_b" not in {user for user, *_rest in no_meeting_flags()}


def test_detection_is_idempotent_and_follows_the_records(bank):
    first = discipline_detect(start=SAT_10_OCT, now=AFTER)
    assert first.counts.created == 3
    again = discipline_detect(start=SAT_10_OCT, now=AFTER)
    assert (again.counts.created, again.counts.withdrawn) == (0, 0)
    assert FineProposal.objects.count() == 3
    # The meeting was held after all, only recorded late: the proposal is withdrawn.
    record(bank.head_b, bank.sub_b, SAT_10_OCT, signed={bank.am_b: (7, 40)})
    flag = FineProposal.objects.get(staff=bank.head_b)
    assert flag.status == FineStatus.WITHDRAWN
    assert discipline_detect(start=SAT_10_OCT, now=AFTER).counts.created == 0
    assert FineProposal.objects.filter(status=FineStatus.PROPOSED).count() == 2


def test_decided_proposals_stay_decided(bank):
    discipline_detect(start=SAT_10_OCT, now=AFTER)
    proposal = FineProposal.objects.get(staff=bank.head_b)
    proposal.status = FineStatus.CONFIRMED
    proposal.save()
    record(bank.head_b, bank.sub_b, SAT_10_OCT)
    discipline_detect(start=SAT_10_OCT, now=AFTER)
    proposal.refresh_from_db()
    assert proposal.status == FineStatus.CONFIRMED


def test_a_combined_meeting_counts_as_the_morning_meeting(bank):
    training = meeting_type("training")
    training.may_combine = True
    training.save()
    record(
        bank.head_b, bank.sub_b, SAT_10_OCT, code="training", combined_with=meeting_type("morning")
    )
    discipline_detect(start=SAT_10_OCT, now=AFTER)
    assert "head_b" not in {user for user, *_rest in no_meeting_flags()}


def test_lateness_and_absence_fines_follow_the_fine_schedule(bank):
    """R-DIS-4: late 50 each time, absent without approved leave 50; configurable."""
    FineRate.objects.filter(reason=FineReason.LATE).update(amount=Decimal("80"))
    late_b = AccountManagerFactory(unit=bank.sub_b)
    record(bank.head_b, bank.sub_b, SAT_10_OCT, signed={bank.am_b: (7, 40), late_b: (7, 55)})
    discipline_detect(start=SAT_10_OCT, now=AFTER)
    fines = set(
        FineProposal.objects.filter(unit=bank.sub_b).values_list("manager", "reason", "amount")
    )
    assert fines == {(late_b.pk, FineReason.LATE, Decimal("80.00"))}


def test_the_no_meeting_fine_never_goes_below_500(bank):
    """R-MTG-2: "每次不低于500元", whatever the schedule says."""
    FineRate.objects.filter(reason=FineReason.NO_MORNING_MEETING).update(amount=Decimal("300"))
    discipline_detect(start=SAT_10_OCT, now=AFTER)
    assert {amount for *_rest, amount in no_meeting_flags()} == {Decimal("500.00")}


def test_the_task_checks_the_day_and_skips_holidays(bank):
    assert detect_discipline(NATIONAL_DAY.isoformat())["working_days"] == 0
    assert not FineProposal.objects.exists()
    summary = detect_discipline(SAT_10_OCT.isoformat())
    assert summary["units_without_morning_meeting"] == 3 and summary["created"] == 3


def test_the_beat_schedule_runs_detection_every_morning_after_the_meeting(db):
    task = PeriodicTask.objects.get(task="meetings.detect_discipline")
    assert task.enabled
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_week) == ("45", "8", "*")
    assert str(task.crontab.timezone) == "Asia/Shanghai"
    assert time(8, 45) > meeting_type("morning").ends_by
    app.loader.import_default_modules()
    assert task.task in app.tasks


def test_migrations_are_complete(db):
    call_command("makemigrations", "meetings", "compliance", "--check", "--dry-run")
