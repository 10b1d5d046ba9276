"""Pure rules of meetings (no database): attendance from sign-in times (R-MTG-2), fine
reasons and amounts (R-DIS-4, R-MTG-2), schedules (R-MTG-1, R-MTG-3, R-MTG-4), the
today status, attendance rates and the minutes sample (R-MTG-3)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from compliance.fine_choices import FineReason
from meetings.choices import AttendanceStatus, Cadence, TodayStatus
from meetings.rules import (
    Schedule,
    attendance_outcome,
    attendance_rate,
    fine_amount,
    fine_reasons,
    is_scheduled_on,
    leave_deadline,
    minutes_sample,
    quarter_bounds,
    quarter_of,
    today_status,
)

from .helpers import SHANGHAI

START = datetime(2026, 10, 12, 7, 50, tzinfo=SHANGHAI)
END = datetime(2026, 10, 12, 8, 30, tzinfo=SHANGHAI)


def outcome(signed=None, left=None, on_leave=False):
    return attendance_outcome(
        starts_at=START, ends_at=END, signed_in_at=signed, left_at=left, on_leave=on_leave
    )


def test_on_time_late_left_early_absent_on_leave():
    assert outcome(START).status == AttendanceStatus.PRESENT  # 7:50 sharp is on time
    late = outcome(START + timedelta(seconds=1))
    assert (late.status, late.minutes_late) == (AttendanceStatus.LATE, 1)
    assert outcome(START + timedelta(minutes=12)).minutes_late == 12
    early = outcome(START - timedelta(minutes=5), END - timedelta(minutes=10))
    assert (early.status, early.left_early) == (AttendanceStatus.LEFT_EARLY, True)
    assert not outcome(START, END).left_early  # leaving at the end is not early
    assert outcome().status == AttendanceStatus.ABSENT
    assert outcome(on_leave=True).status == AttendanceStatus.ON_LEAVE
    assert outcome(START, on_leave=True).status == AttendanceStatus.PRESENT  # came anyway


def test_late_and_left_early_shows_late_and_fines_both():
    both = outcome(START + timedelta(minutes=3), END - timedelta(minutes=3))
    assert both.status == AttendanceStatus.LATE and both.left_early
    assert fine_reasons(both) == [FineReason.LATE, FineReason.LEFT_EARLY]


def test_fine_reasons_per_r_dis_4():
    assert fine_reasons(outcome(START)) == []
    assert fine_reasons(outcome()) == [FineReason.ABSENT]
    assert fine_reasons(outcome(on_leave=True)) == []  # approved leave is no absence


@given(minutes=st.integers(min_value=-120, max_value=39), seconds=st.integers(0, 59))
def test_lateness_is_never_typed_only_derived(minutes, seconds):
    signed = START + timedelta(minutes=minutes, seconds=seconds)
    result = outcome(signed)
    assert (result.status == AttendanceStatus.LATE) == (signed > START)
    assert result.minutes_late == max(0, -(-int((signed - START).total_seconds()) // 60))


def test_fine_amount_keeps_the_floor():
    schedule = {
        "no_morning_meeting": (Decimal("300"), Decimal("500")),
        "late": (Decimal("50"), Decimal("0")),
    }
    assert fine_amount(FineReason.NO_MORNING_MEETING, schedule) == Decimal("500")  # R-MTG-2
    assert fine_amount(FineReason.LATE, schedule) == Decimal("50")  # R-DIS-4


MORNING = Schedule(Cadence.WORKING_DAY, None, time(7, 50), time(8, 30))
WEEKLY = Schedule(Cadence.WEEKLY, 2, time(7, 30), time(8, 0))  # Wednesdays (R-MTG-3)
MONTHLY = Schedule(Cadence.MONTHLY)


def test_schedules():
    wednesday, thursday = date(2026, 10, 14), date(2026, 10, 15)
    assert is_scheduled_on(MORNING, thursday, working_day=True)
    assert not is_scheduled_on(MORNING, date(2026, 10, 1), working_day=False)
    assert is_scheduled_on(WEEKLY, wednesday, working_day=True)
    assert not is_scheduled_on(WEEKLY, thursday, working_day=True)
    assert not is_scheduled_on(MONTHLY, wednesday, working_day=True)


def test_leave_deadline_is_the_days_first_meeting():
    schedules = [MORNING, WEEKLY, MONTHLY]
    assert leave_deadline(date(2026, 10, 14), schedules, working_day=True) == time(7, 30)
    assert leave_deadline(date(2026, 10, 15), schedules, working_day=True) == time(7, 50)
    assert leave_deadline(date(2026, 10, 3), schedules, working_day=False) is None


def test_today_status():
    over_by = time(8, 30)
    assert today_status(working_day=True, held=True, now=time(8), over_by=over_by) == "held"
    assert today_status(working_day=True, held=False, now=time(8), over_by=over_by) == (
        TodayStatus.NOT_YET
    )
    assert today_status(working_day=True, held=False, now=time(8, 30), over_by=over_by) == (
        TodayStatus.NOT_HELD
    )
    assert today_status(working_day=False, held=False, now=time(9), over_by=over_by) == (
        TodayStatus.NOT_WORKING_DAY
    )


def test_attendance_rate_leaves_approved_leave_out():
    assert attendance_rate(attended=18, expected=20, excused=0) == Decimal("0.9000")
    assert attendance_rate(attended=18, expected=20, excused=2) == Decimal("1.0000")
    assert attendance_rate(attended=2, expected=3, excused=0) == Decimal("0.6667")
    assert attendance_rate(attended=0, expected=2, excused=2) is None


def test_minutes_sample_is_stable_and_sized():
    ids = list(range(1, 61))
    first = minutes_sample(ids, 3, seed="2026Q3:7:1")
    assert len(first) == 3 and set(first) <= set(ids)
    assert minutes_sample(list(reversed(ids)), 3, seed="2026Q3:7:1") == first
    assert minutes_sample(ids, 3, seed="2026Q3:8:1") != first
    assert minutes_sample(ids[:2], 3, seed="x") == [1, 2]


def test_quarters():
    assert quarter_of(date(2026, 10, 10)) == (2026, 4)
    assert quarter_bounds(2026, 3) == (date(2026, 7, 1), date(2026, 9, 30))
    assert quarter_bounds(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))
