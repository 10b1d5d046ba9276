"""Attendance rates per person and unit (R-MTG-2), the head's "today" board (R-MTG-1/2)
and the quarterly minutes spot-check (R-MTG-3), with exact numbers."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from meetings import leave_services, minutes_services
from meetings.choices import TodayStatus
from meetings.reports import (
    attendance_rows,
    minutes_rollup,
    minutes_sample_for,
    person_name,
    today_board,
    unit_rates,
    with_rate,
)
from meetings.selectors import attendance_for

from .helpers import MON_12_OCT, SAT_10_OCT, at, member, record

pytestmark = pytest.mark.usefixtures("english")

TUE, WED, THU = (MON_12_OCT + timedelta(days=n) for n in (1, 2, 3))


@pytest.fixture
def week(bank):
    """Sub-branch A over Mon–Thu 12–15 October: am_a on time, late, on approved leave,
    absent; the credit officer present every day. Nothing held in B or outlet A1."""
    leave = leave_services.leave_request(
        actor=bank.am_a_user,
        member=member(bank.am_a),
        date_from=WED,
        date_to=WED,
        reason="病假",
        now=at(TUE, 12),
    )
    leave_services.leave_approve(actor=bank.head_a, leave=leave, now=at(TUE, 13))
    officer = {bank.officer_a: (7, 45)}
    record(bank.head_a, bank.sub_a, MON_12_OCT, signed={bank.am_a: (7, 45)} | officer)
    record(bank.head_a, bank.sub_a, TUE, signed={bank.am_a: (8, 0)} | officer)
    record(bank.head_a, bank.sub_a, WED, signed=officer)
    record(bank.head_a, bank.sub_a, THU, signed=officer)


def rows_for(user, **filters):
    rows = attendance_rows(attendance_for(user).filter(**filters))
    return {person_name(row): with_rate(row) for row in rows}


def test_rates_per_person(bank, week):
    rows = rows_for(bank.head_a, meeting__date__range=(MON_12_OCT, THU))
    am = rows["甲经理"]
    assert (am["expected"], am["attended"], am["late"], am["absent"], am["on_leave"]) == (
        4,
        2,
        1,
        1,
        1,
    )
    assert am["rate"] == Decimal("0.6667")  # 2 of the 3 not excused
    assert rows[bank.officer_a.get_full_name()]["rate"] == Decimal("1.0000")


def test_rates_per_unit_with_days_without_a_morning_meeting(bank, week):
    attendance = attendance_for(bank.head_a).filter(meeting__date__range=(MON_12_OCT, THU))
    units, working_days, missing = unit_rates(
        bank.head_a, attendance, start=SAT_10_OCT, end=THU, today=date(2026, 11, 1)
    )
    # Saturday 10 October is an adjusted working day: 5 working days 10–15 October.
    assert (working_days, missing) == (5, [])
    by_name = {unit.name: unit for unit in units}
    assert set(by_name) == {"城东支行", "城东第一网点"}  # head_a's subtree only
    sub_a = by_name["城东支行"]
    assert (sub_a.meetings, sub_a.days_without) == (4, 1)  # Saturday missed
    assert (sub_a.counts["expected"], sub_a.counts["attended"]) == (8, 6)
    assert sub_a.rate == Decimal("0.8571")  # 6 of 7 (one day on leave)
    assert (by_name["城东第一网点"].days_without, by_name["城东第一网点"].rate) == (5, None)


def test_an_account_manager_sees_only_their_own_attendance(bank, week):
    assert set(rows_for(bank.am_a_user)) == {"甲经理"}
    assert rows_for(bank.head_b) == {}


def test_today_board(bank):
    record(bank.head_a, bank.sub_a, MON_12_OCT)

    def board(user, hour, minute=0, day=MON_12_OCT):
        result = today_board(user, now=at(day, hour, minute))
        return {row.unit.name: row.status for row in result.rows}

    assert board(bank.head_a, 8, 10) == {
        "城东支行": TodayStatus.HELD,
        "城东第一网点": TodayStatus.NOT_YET,
    }
    assert board(bank.head_a, 8, 30)["城东第一网点"] == TodayStatus.NOT_HELD
    assert board(bank.hr, 9) == {
        "城东支行": TodayStatus.HELD,
        "城东第一网点": TodayStatus.NOT_HELD,
        "城西支行": TodayStatus.NOT_HELD,
    }
    holiday = board(bank.head_b, 9, day=date(2026, 10, 3))
    assert holiday == {"城西支行": TodayStatus.NOT_WORKING_DAY}


def test_minutes_sample_and_rollup(bank):
    """R-MTG-3: 3 morning meetings sampled per unit and quarter; scores roll up."""
    days = [date(2026, 10, d) for d in (12, 13, 14, 15, 16)]
    for day in days:
        record(bank.head_a, bank.sub_a, day)
        record(bank.head_b, bank.sub_b, day)
    record(bank.head_b, bank.sub_b, WED, code="weekly", start=(7, 30), end=(8, 0))
    sample = list(minutes_sample_for(bank.compliance, 2026, 4))
    per_unit = {}
    for meeting in sample:
        per_unit.setdefault((meeting.unit.name, meeting.meeting_type.code), []).append(meeting)
    assert {key: len(v) for key, v in per_unit.items()} == {
        ("城东支行", "morning"): 3,
        ("城西支行", "morning"): 3,
        ("城西支行", "weekly"): 1,
    }
    assert [m.pk for m in minutes_sample_for(bank.compliance, 2026, 4)] == [m.pk for m in sample]
    assert {m.unit.name for m in minutes_sample_for(bank.head_b, 2026, 4)} == {"城西支行"}
    a_sample = per_unit[("城东支行", "morning")]
    for meeting, score in zip(a_sample, (80, 90, 95), strict=True):
        minutes_services.minutes_score(actor=bank.compliance, meeting=meeting, score=score)
    minutes_services.minutes_score(actor=bank.compliance, meeting=a_sample[0], score=70)
    rollup = {row["meeting__unit__name"]: row for row in minutes_rollup(bank.hr, 2026, 4)}
    assert set(rollup) == {"城东支行"}
    row = rollup["城东支行"]
    assert (row["scored"], row["lowest"], row["highest"]) == (3, 70, 95)
    assert Decimal(row["average"]).quantize(Decimal("0.01")) == Decimal("85.00")


def test_minutes_are_scored_from_outside_the_unit(bank):
    meeting = record(bank.head_a, bank.sub_a, MON_12_OCT)
    with pytest.raises(ValidationError) as error:
        minutes_services.minutes_score(actor=bank.officer_a, meeting=meeting, score=90)
    assert "meeting" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        minutes_services.minutes_score(actor=bank.head_b, meeting=meeting, score=90)
    with pytest.raises(ValidationError) as error:
        minutes_services.minutes_score(actor=bank.compliance, meeting=meeting, score=101)
    assert "score" in error.value.message_dict
    outlet = record(bank.head_a, bank.outlet_a1, MON_12_OCT)
    assert (
        minutes_services.minutes_score(actor=bank.officer_a, meeting=outlet, score=88).score == 88
    )
