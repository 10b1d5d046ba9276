"""The demo bank's work journals (R-JNL-1): three months up to DEMO_TODAY on working days
of the official calendar, with realistic gaps (missing, late, drafts), most reviewed with
the next day's work, the last working day waiting in the head's review queue."""

from datetime import date

import pytest
from django.db import transaction
from django.db.models import Count

from customers.demo import seed_customers
from managers import demo
from managers.choices import JournalStatus, Role
from managers.demo_journals import period, seed_journals
from managers.journal_compliance import journal_compliance
from managers.journal_selectors import review_queue
from managers.models import JournalReview, User, WorkJournal
from managers.working_days import WorkingCalendar

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    bank = demo.seed("small")
    seed_customers(bank, 2, bank.rng)
    seed_journals(bank)
    return bank


def test_three_months_of_journals_on_working_days(seeded):
    start, end = period()
    assert (start, end) == (date(2026, 8, 1), date(2026, 10, 31))
    days = set(WorkJournal.objects.values_list("day", flat=True).distinct())
    calendar = WorkingCalendar.between(start, end)
    assert days <= set(calendar.working_days())
    assert min(days) == date(2026, 8, 3) and max(days) == date(2026, 10, 30)
    assert date(2026, 10, 10) in days  # the adjusted Saturday is worked
    assert not days & {date(2026, 10, d) for d in range(1, 8)}  # National Day off


def test_realistic_gaps_and_reviews(seeded):
    journals = WorkJournal.objects.count()
    statuses = dict(WorkJournal.objects.values_list("status").annotate(n=Count("pk")))
    assert statuses[JournalStatus.DRAFT] > 0
    assert statuses[JournalStatus.REVIEWED] > 0.8 * journals
    assert JournalReview.objects.count() == statuses[JournalStatus.REVIEWED]
    assert JournalReview.objects.exclude(next_day_work="").count() > 0.4 * journals
    head = seeded.logins["head"]
    report = journal_compliance(head, start=date(2026, 10, 8), end=date(2026, 10, 30))
    assert 0 < report.total.missing < report.total.due * 0.2
    assert 0 < report.total.late < report.total.due * 0.2
    assert review_queue(head).filter(day=date(2026, 10, 30)).exists()
    assert WorkJournal.history.count() == journals  # history rows written in bulk


def test_every_sub_branch_has_a_reviewing_head(seeded):
    for sub in seeded.sub_branches:
        reviewers = set(
            JournalReview.objects.filter(
                journal__manager__unit__path__startswith=sub.path
            ).values_list("reviewer__role", "reviewer__org_unit")
        )
        assert reviewers and all(
            role in (Role.UNIT_HEAD, Role.CREDIT_OFFICER) and unit == sub.pk
            for role, unit in reviewers
        )
    assert User.objects.filter(role=Role.UNIT_HEAD).count() == len(seeded.sub_branches)


def snapshot() -> list:
    journals = WorkJournal.objects.order_by("manager__employee_number", "day")
    return list(
        journals.values_list(
            "manager__employee_number", "day", "status", "submitted_at", "review__opinion"
        )
    )


class _Rollback(Exception):
    pass


def fresh_snapshot() -> list:
    """Seed the demo bank and its journals in a savepoint, snapshot, roll back."""
    try:
        with transaction.atomic():
            bank = demo.seed("small")
            seed_journals(bank)
            taken = snapshot()
            raise _Rollback
    except _Rollback:
        return taken


def test_the_demo_is_deterministic():
    first = fresh_snapshot()
    assert first and fresh_snapshot() == first
