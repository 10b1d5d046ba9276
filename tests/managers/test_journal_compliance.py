"""R-JNL-1 missing and late journals per working day on the official calendar (R-DIS-4),
and submission rates per account manager and unit, across the 2026 National Day holiday:
1–7 October off, Sunday 20 September and Saturday 10 October worked (and Friday
25 September, Mid-autumn, off)."""

from datetime import date, time
from decimal import Decimal

import pytest

from managers.choices import ManagerStatus
from managers.journal_compliance import journal_compliance
from managers.models import JournalPolicy
from tests.factories import AccountManagerFactory
from tests.managers.journal_factories import WorkJournalFactory, at, submitted

START, END = date(2026, 9, 28), date(2026, 10, 12)
# Working days of START…END: 28, 29, 30 September; 8, 9, 10 (Saturday), 12 October.
AFTER = at(date(2026, 10, 20), 12)


@pytest.fixture
def am_a_journals(bank):
    """am_a: on time 28, 29 Sep, 8 Oct and the adjusted Saturday 10 Oct; late 30 Sep;
    nothing on 9 Oct; only a draft on 12 Oct; one on a holiday (3 Oct), not expected."""
    for day in (date(2026, 9, 28), date(2026, 9, 29), date(2026, 10, 8), date(2026, 10, 10)):
        submitted(bank.am_a, day)
    submitted(bank.am_a, date(2026, 9, 30), when=at(date(2026, 10, 8), 9, 0))
    WorkJournalFactory(manager=bank.am_a, day=date(2026, 10, 12))
    submitted(bank.am_a, date(2026, 10, 3))
    submitted(bank.am_b, date(2026, 9, 28))


def record_of(report, manager):
    return next(row for row in report.managers if row.manager == manager)


def test_missing_and_late_days_follow_the_official_calendar(bank, am_a_journals):
    report = journal_compliance(bank.head_a, start=START, end=END, now=AFTER)
    mine = record_of(report, bank.am_a)
    assert mine.missing_days == [date(2026, 10, 9), date(2026, 10, 12)]  # the draft is missing
    assert mine.late_days == [date(2026, 9, 30)]
    assert (mine.on_time, mine.late, mine.missing, mine.due) == (4, 1, 2, 7)
    assert mine.rate == Decimal("0.5714")  # 4 / 7
    outlet = record_of(report, bank.am_a1)  # no login, no journal: every working day missing
    assert outlet.missing_days == [
        date(2026, 9, 28),
        date(2026, 9, 29),
        date(2026, 9, 30),
        date(2026, 10, 8),
        date(2026, 10, 9),
        date(2026, 10, 10),
        date(2026, 10, 12),
    ]
    assert outlet.rate == Decimal("0")
    assert report.missing_years == []


def test_adjusted_sunday_and_mid_autumn_holiday(bank):
    submitted(bank.am_a, date(2026, 9, 24))
    report = journal_compliance(
        bank.head_a, start=date(2026, 9, 19), end=date(2026, 9, 27), now=AFTER
    )
    # Sunday 20 Sep is a working day; Friday 25 Sep (Mid-autumn) and the weekends are not.
    assert record_of(report, bank.am_a).missing_days == [
        date(2026, 9, 20),
        date(2026, 9, 21),
        date(2026, 9, 22),
        date(2026, 9, 23),
    ]


def test_rates_per_unit_and_in_total(bank, am_a_journals):
    report = journal_compliance(bank.head_a, start=START, end=END, now=AFTER)
    units = {row.unit: row for row in report.units}
    assert set(units) == {bank.sub_a, bank.outlet_a1}  # head_a never sees sub-branch B
    assert (units[bank.sub_a].due, units[bank.sub_a].on_time) == (7, 4)
    assert (units[bank.outlet_a1].due, units[bank.outlet_a1].missing) == (7, 7)
    assert (report.total.managers, report.total.due, report.total.on_time) == (2, 14, 4)
    assert report.total.rate == Decimal("0.2857")
    only_outlet = journal_compliance(
        bank.head_a, start=START, end=END, unit=bank.outlet_a1, now=AFTER
    )
    assert [row.manager for row in only_outlet.managers] == [bank.am_a1]


def test_hr_sees_every_unit(bank, am_a_journals):
    report = journal_compliance(bank.hr, start=START, end=END, now=AFTER)
    assert record_of(report, bank.am_b).on_time == 1
    assert {row.unit for row in report.units} == {bank.sub_a, bank.outlet_a1, bank.sub_b}


def test_todays_journal_is_pending_until_its_deadline(bank):
    monday = date(2026, 10, 12)
    before = journal_compliance(bank.head_a, start=monday, end=monday, now=at(monday, 20))
    assert before.total.due == 0 and record_of(before, bank.am_a).pending_days == [monday]
    after = journal_compliance(
        bank.head_a, start=monday, end=monday, now=at(date(2026, 10, 13), 0, 0)
    )
    assert record_of(after, bank.am_a).missing_days == [monday]


def test_deadline_is_inclusive_of_its_minute(bank):
    day = date(2026, 10, 12)
    submitted(bank.am_a, day, when=at(day, 23, 59, 59))
    submitted(bank.am_b, day, when=at(date(2026, 10, 13), 0, 0, 0))
    report = journal_compliance(bank.hr, start=day, end=day, now=AFTER)
    assert record_of(report, bank.am_a).on_time == 1
    assert record_of(report, bank.am_b).late_days == [day]


def test_the_deadline_is_configurable(bank, am_a_journals):
    """Due by 09:00 on the next working day: 30 September's journal, submitted at
    09:00 on 8 October (the first working day after the holiday), is on time."""
    JournalPolicy.objects.all().delete()
    JournalPolicy.objects.create(due_working_days=1, due_time=time(9, 0))
    mine = record_of(journal_compliance(bank.head_a, start=START, end=END, now=AFTER), bank.am_a)
    assert (mine.on_time, mine.late) == (5, 0)


def test_managers_are_expected_only_while_active(bank, am_a_journals):
    AccountManagerFactory(unit=bank.sub_a, status=ManagerStatus.EXITED)
    newcomer = AccountManagerFactory(
        unit=bank.sub_a, status=ManagerStatus.TRAINEE, hire_date=date(2026, 10, 9)
    )
    report = journal_compliance(bank.head_a, start=START, end=END, now=AFTER)
    assert {row.manager for row in report.managers} == {bank.am_a, bank.am_a1, newcomer}
    assert record_of(report, newcomer).missing_days == [
        date(2026, 10, 9),
        date(2026, 10, 10),
        date(2026, 10, 12),
    ]


def test_an_account_manager_sees_only_themselves(bank, am_a_journals):
    report = journal_compliance(bank.am_a_user, start=START, end=END, now=AFTER)
    assert [row.manager for row in report.managers] == [bank.am_a]


def test_a_year_nobody_entered_is_reported(bank):
    report = journal_compliance(
        bank.head_a, start=date(2027, 1, 4), end=date(2027, 1, 8), now=AFTER
    )
    assert report.missing_years == [2027]


def test_the_report_is_set_based(bank, am_a_journals, django_assert_num_queries):
    with django_assert_num_queries(5):  # managers, journals, calendar (2), policy
        journal_compliance(bank.head_a, start=START, end=END, now=AFTER)
    for _ in range(10):
        submitted(AccountManagerFactory(unit=bank.sub_a), START)
    with django_assert_num_queries(5):
        report = journal_compliance(bank.head_a, start=START, end=END, now=AFTER)
    assert len(report.managers) == 12
