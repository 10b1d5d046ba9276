"""R-JNL-1 work journals: an account manager writes their own journal of a day (never a
future day, one per day), keeps drafts, submits, and cannot change it afterwards; the
head or credit officer of the subtree reviews it, signs an opinion and assigns the next
working day's work (R-VIS-2)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from managers import journal_services as services
from managers.choices import JournalStatus
from managers.models import JournalReview, WorkJournal
from tests.managers.journal_factories import SECTIONS, WorkJournalFactory, submitted

TODAY = timezone.localdate


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def write(user, day, submit=False, **sections):
    return services.journal_create(
        actor=user, day=day, sections=sections or SECTIONS, submit=submit
    )


# --- writing (R-JNL-1) ------------------------------------------------------------------------


def test_a_draft_is_kept_then_submitted(bank):
    yesterday = TODAY() - timedelta(days=1)
    journal = write(bank.am_a_user, yesterday, credit_marketing="  走访客户  ")
    assert (journal.manager, journal.day, journal.status) == (bank.am_a, yesterday, "draft")
    assert journal.credit_marketing == "走访客户" and journal.submitted_at is None
    journal = services.journal_update(
        actor=bank.am_a_user, journal=journal, sections={"results": "新增存款200万元"}
    )
    assert journal.is_draft and journal.results == "新增存款200万元"
    journal = services.journal_submit(actor=bank.am_a_user, journal=journal)
    assert journal.status == JournalStatus.SUBMITTED
    assert abs(journal.submitted_at - timezone.now()) < timedelta(seconds=30)
    assert journal.history.first().history_user == bank.am_a_user
    assert journal.history.count() == 3


def test_todays_journal_may_be_submitted_at_once(bank):
    journal = write(bank.am_a_user, TODAY(), submit=True)
    assert journal.status == JournalStatus.SUBMITTED


def test_a_future_day_is_refused_and_nothing_saved(bank):
    with pytest.raises(ValidationError) as refused:
        write(bank.am_a_user, TODAY() + timedelta(days=1), submit=True)
    assert "day" in refused.value.error_dict and codes(refused.value) == {"future"}
    assert not WorkJournal.objects.exists()


def test_a_second_journal_for_the_same_day_is_refused_and_nothing_saved(bank):
    first = write(bank.am_a_user, TODAY())
    with pytest.raises(ValidationError) as refused:
        write(bank.am_a_user, TODAY(), results="另一份日志")
    assert codes(refused.value) == {"duplicate"}
    assert list(WorkJournal.objects.all()) == [first]
    assert WorkJournal.objects.get().results == SECTIONS["results"]


def test_another_manager_may_write_the_same_day(bank):
    write(bank.am_a_user, TODAY())
    write(bank.am_b_user, TODAY())
    assert WorkJournal.objects.count() == 2


def test_a_submitted_journal_cannot_be_changed(bank):
    journal = write(bank.am_a_user, TODAY(), submit=True)
    for change in (
        lambda: services.journal_update(
            actor=bank.am_a_user, journal=journal, sections={"results": "改"}
        ),
        lambda: services.journal_submit(actor=bank.am_a_user, journal=journal),
        lambda: services.journal_save(
            actor=bank.am_a_user, day=TODAY(), sections={"results": "改"}
        ),
    ):
        with pytest.raises(ValidationError) as refused:
            change()
        assert codes(refused.value) == {"submitted"}
    journal.refresh_from_db()
    assert journal.results == SECTIONS["results"] and journal.history.count() == 1


def test_an_empty_journal_cannot_be_submitted(bank):
    with pytest.raises(ValidationError) as refused:
        services.journal_create(
            actor=bank.am_a_user, day=TODAY(), sections={"results": "   "}, submit=True
        )
    assert codes(refused.value) == {"empty"}
    assert not WorkJournal.objects.exists()


@pytest.mark.parametrize("user_attr", ["head_a", "officer_a", "hr", "admin"])
def test_only_account_managers_write_journals(bank, user_attr):
    with pytest.raises(PermissionDenied):
        write(getattr(bank, user_attr), TODAY())
    assert not WorkJournal.objects.exists()


def test_an_account_manager_changes_only_their_own_draft(bank):
    theirs = WorkJournalFactory(manager=bank.am_b, day=TODAY())
    with pytest.raises(PermissionDenied):
        services.journal_update(actor=bank.am_a_user, journal=theirs, sections={"results": "x"})
    theirs.refresh_from_db()
    assert theirs.results == SECTIONS["results"]


# --- review (R-JNL-1, R-VIS-2) ---------------------------------------------------------------


def review(user, journal, opinion="已阅，继续跟进", next_day_work="走访东城制造"):
    return services.journal_review(
        actor=user, journal=journal, opinion=opinion, next_day_work=next_day_work
    )


@pytest.mark.parametrize("reviewer_attr", ["head_a", "officer_a"])
def test_head_or_credit_officer_of_the_subtree_reviews(bank, reviewer_attr):
    yesterday = TODAY() - timedelta(days=1)
    journal = submitted(bank.am_a1, yesterday)  # outlet A1, below sub-branch A
    reviewer = getattr(bank, reviewer_attr)
    signed = review(reviewer, journal)
    journal.refresh_from_db()
    assert journal.status == JournalStatus.REVIEWED
    assert (signed.reviewer, signed.opinion, signed.next_day_work) == (
        reviewer,
        "已阅，继续跟进",
        "走访东城制造",
    )
    assert signed.work_day >= TODAY()  # reviewed today: for today or the next working day
    assert signed.history.get().history_user == reviewer


@pytest.mark.parametrize("user_attr", ["head_b", "am_a_user", "hr", "compliance"])
def test_others_cannot_review(bank, user_attr):
    journal = submitted(bank.am_a, TODAY())
    with pytest.raises(PermissionDenied):
        review(getattr(bank, user_attr), journal)
    assert not JournalReview.objects.exists()
    journal.refresh_from_db()
    assert journal.status == JournalStatus.SUBMITTED


def test_an_opinion_is_required_and_nothing_is_saved_without_it(bank):
    journal = submitted(bank.am_a, TODAY())
    with pytest.raises(ValidationError) as refused:
        review(bank.head_a, journal, opinion="  ")
    assert "opinion" in refused.value.error_dict
    assert not JournalReview.objects.exists()
    journal.refresh_from_db()
    assert journal.status == JournalStatus.SUBMITTED


def test_drafts_and_reviewed_journals_cannot_be_reviewed(bank):
    draft = WorkJournalFactory(manager=bank.am_a, day=TODAY())
    with pytest.raises(ValidationError) as refused:
        review(bank.head_a, draft)
    assert codes(refused.value) == {"draft"}
    done = submitted(bank.am_a, TODAY() - timedelta(days=1))
    review(bank.head_a, done)
    with pytest.raises(ValidationError) as refused:
        review(bank.officer_a, done, opinion="再看一遍")
    assert codes(refused.value) == {"reviewed"}
    assert JournalReview.objects.count() == 1


@pytest.mark.parametrize(
    ("journal_day", "reviewed_on", "work_day"),
    [
        # 2026 National Day: 1–7 October off, Saturday 10 October worked.
        (date(2026, 9, 30), date(2026, 9, 30), date(2026, 10, 8)),
        (date(2026, 9, 30), date(2026, 10, 2), date(2026, 10, 8)),
        (date(2026, 10, 9), date(2026, 10, 9), date(2026, 10, 10)),
        # Mid-autumn (Friday 25 September) off; Sunday 20 September worked.
        (date(2026, 9, 24), date(2026, 9, 24), date(2026, 9, 28)),
        (date(2026, 9, 18), date(2026, 9, 18), date(2026, 9, 20)),
        # A late review: the assigned day has passed, so today (a working day) or the next.
        (date(2026, 9, 28), date(2026, 9, 30), date(2026, 9, 30)),
        (date(2026, 9, 28), date(2026, 10, 3), date(2026, 10, 8)),
    ],
)
def test_assigned_work_is_for_the_next_working_day(journal_day, reviewed_on, work_day, db):
    assert services.assigned_work_day(journal_day, reviewed_on) == work_day
