"""Leave from meetings (R-MTG-2): asked in advance, approved by the unit head before the
meeting starts; leave asked or approved after the fact counts as absence (R-DIS-4), so
it is refused with a clear error and nothing saved."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from compliance.fine_choices import FineReason
from compliance.fines import FineProposal
from meetings import leave_services
from meetings.choices import AttendanceStatus, LeaveStatus
from meetings.models import LeaveRequest

from .helpers import MON_12_OCT, at, member, record

pytestmark = pytest.mark.usefixtures("english")

DAY_BEFORE = at(MON_12_OCT - timedelta(days=3), 17)  # Friday 9 October, 17:00


def ask(actor, person, *, now=DAY_BEFORE, day=MON_12_OCT, until=None):
    return leave_services.leave_request(
        actor=actor,
        member=member(person),
        date_from=day,
        date_to=until or day,
        reason="病假",
        now=now,
    )


def test_leave_approved_in_advance_excuses_the_meeting(bank):
    leave = ask(bank.am_a_user, bank.am_a)
    assert (leave.unit, leave.status, leave.requested_by) == (
        bank.sub_a,
        LeaveStatus.REQUESTED,
        bank.am_a_user,
    )
    leave_services.leave_approve(actor=bank.head_a, leave=leave, now=DAY_BEFORE)
    meeting = record(bank.head_a, bank.sub_a, MON_12_OCT, signed={bank.officer_a: (7, 40)})
    row = meeting.attendance.get(manager=bank.am_a)
    assert (row.status, row.leave) == (AttendanceStatus.ON_LEAVE, leave)
    assert not FineProposal.objects.filter(manager=bank.am_a).exists()


def test_leave_not_approved_is_absence(bank):
    ask(bank.am_a_user, bank.am_a)
    record(bank.head_a, bank.sub_a, MON_12_OCT)
    assert FineProposal.objects.get(manager=bank.am_a).reason == FineReason.ABSENT


def test_leave_asked_after_the_meeting_started_is_refused(bank):
    with pytest.raises(ValidationError) as error:
        ask(bank.am_a_user, bank.am_a, now=at(MON_12_OCT, 7, 50))
    assert "asked before the meeting" in error.value.message_dict["date_from"][0]
    assert not LeaveRequest.objects.exists()
    ask(bank.am_a_user, bank.am_a, now=at(MON_12_OCT, 7, 49))  # a minute before: fine


def test_leave_approved_after_the_meeting_started_is_refused_and_nothing_saved(bank):
    leave = ask(bank.am_a_user, bank.am_a)
    with pytest.raises(ValidationError) as error:
        leave_services.leave_approve(actor=bank.head_a, leave=leave, now=at(MON_12_OCT, 8, 0))
    assert "approved before the meeting" in " ".join(error.value.messages)
    leave.refresh_from_db()
    assert (leave.status, leave.decided_by) == (LeaveStatus.REQUESTED, None)
    assert leave.history.count() == 1


def test_a_meeting_held_earlier_than_scheduled_sets_the_deadline(bank):
    leave = ask(bank.am_a_user, bank.am_a)
    record(bank.head_a, bank.sub_a, MON_12_OCT, start=(7, 20), end=(7, 45))
    with pytest.raises(ValidationError):
        leave_services.leave_approve(actor=bank.head_a, leave=leave, now=at(MON_12_OCT, 7, 30))


def test_on_wednesdays_the_weekly_meeting_at_7_30_comes_first(bank):
    wednesday = MON_12_OCT + timedelta(days=2)
    leave = ask(bank.am_a_user, bank.am_a, day=wednesday)
    with pytest.raises(ValidationError):
        leave_services.leave_approve(actor=bank.head_a, leave=leave, now=at(wednesday, 7, 35))


def test_only_the_head_in_scope_approves(bank):
    leave = ask(bank.am_a_user, bank.am_a)
    with pytest.raises(PermissionDenied):
        leave_services.leave_approve(actor=bank.officer_a, leave=leave, now=DAY_BEFORE)
    with pytest.raises(PermissionDenied):
        leave_services.leave_approve(actor=bank.head_b, leave=leave, now=DAY_BEFORE)
    leave_services.leave_approve(actor=bank.head_a, leave=leave, now=DAY_BEFORE)
    with pytest.raises(ValidationError):  # decided once
        leave_services.leave_approve(actor=bank.head_a, leave=leave, now=DAY_BEFORE)


def test_refusing_needs_a_reason(bank):
    leave = ask(bank.am_a_user, bank.am_a)
    with pytest.raises(ValidationError) as error:
        leave_services.leave_reject(actor=bank.head_a, leave=leave, note=" ")
    assert "decision_note" in error.value.message_dict
    refused = leave_services.leave_reject(actor=bank.head_a, leave=leave, note="月末冲刺")
    assert refused.status == LeaveStatus.REJECTED


def test_who_asks_for_whom(bank):
    """An account manager asks for themselves; a credit officer also records leave for
    the account managers of their unit (most have no login); a head for anyone in scope."""
    with pytest.raises(ValidationError) as error:
        ask(bank.am_a_user, bank.am_a1)
    assert "person" in error.value.message_dict
    assert ask(bank.officer_a, bank.am_a1).unit == bank.outlet_a1
    assert ask(bank.officer_a, bank.officer_a, until=MON_12_OCT + timedelta(days=2)).staff
    with pytest.raises(ValidationError):
        ask(bank.head_b, bank.am_a)
    with pytest.raises(PermissionDenied):
        ask(bank.hr, bank.am_a)


def test_overlapping_and_backwards_leave_is_refused(bank):
    ask(bank.am_a_user, bank.am_a, until=MON_12_OCT + timedelta(days=2))
    with pytest.raises(ValidationError) as error:
        ask(bank.am_a_user, bank.am_a, day=MON_12_OCT + timedelta(days=1))
    assert "already has leave" in error.value.message_dict["date_from"][0]
    with pytest.raises(ValidationError) as error:
        leave_services.leave_request(
            actor=bank.am_a_user,
            member=member(bank.am_a),
            date_from=MON_12_OCT + timedelta(days=5),
            date_to=MON_12_OCT + timedelta(days=4),
            reason="事假",
            now=DAY_BEFORE,
        )
    assert "date_to" in error.value.message_dict
    assert LeaveRequest.objects.count() == 1
