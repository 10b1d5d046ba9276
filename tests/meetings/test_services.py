"""Recording a meeting and its sign-in register (R-MTG-1…3): the register lists every
expected member, statuses are derived from the sign-in times (R-MTG-2), and every bad
input is a clear error with nothing saved."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from compliance.fine_choices import FineReason, FineStatus
from compliance.fines import FineProposal
from meetings import services
from meetings.choices import AttendanceStatus
from meetings.models import Attendance, Meeting, Member
from tests.factories import AccountManagerFactory, UserFactory

from .helpers import MON_12_OCT, at, meeting_type, member, record

pytestmark = pytest.mark.usefixtures("english")


def statuses(meeting) -> dict:
    return {row.member: row.status for row in meeting.attendance.all()}


def test_register_lists_the_units_account_managers_and_credit_officer(bank):
    """R-MTG-1: the unit's account managers in post and its credit officer are expected;
    the outlet's manager attends the outlet's own meeting, not A's."""
    AccountManagerFactory(unit=bank.sub_a, status="exited")
    meeting = record(bank.head_a, bank.sub_a, MON_12_OCT, signed={bank.am_a: (7, 45)})
    assert set(statuses(meeting)) == {member(bank.am_a), member(bank.officer_a)}
    assert meeting.date == MON_12_OCT
    assert meeting.history.get().history_user == bank.head_a
    assert Attendance.history.filter(history_user=bank.head_a).count() == 2


def test_lateness_is_derived_from_the_sign_in_against_the_start(bank):
    """R-MTG-2 / R-DIS-4: nobody types "late"; 07:50 on the dot is on time."""
    second = AccountManagerFactory(unit=bank.sub_a)
    third = AccountManagerFactory(unit=bank.sub_a)
    meeting = record(
        bank.officer_a,
        bank.sub_a,
        MON_12_OCT,
        host=bank.head_a,
        signed={
            bank.am_a: (7, 50),
            bank.officer_a: (7, 58),
            second: ((7, 40), (8, 10)),
        },
    )
    rows = {row.member: row for row in meeting.attendance.all()}
    assert rows[member(bank.am_a)].status == AttendanceStatus.PRESENT
    assert rows[member(bank.officer_a)].status == AttendanceStatus.LATE
    assert rows[member(bank.officer_a)].minutes_late == 8
    assert rows[member(second)].status == AttendanceStatus.LEFT_EARLY
    assert rows[member(third)].status == AttendanceStatus.ABSENT
    reasons = set(FineProposal.objects.values_list("reason", "amount"))
    assert reasons == {
        (FineReason.LATE, 50),
        (FineReason.LEFT_EARLY, 50),
        (FineReason.ABSENT, 50),
    }


def nothing_saved():
    assert not Meeting.objects.exists()
    assert not Attendance.objects.exists()
    assert not FineProposal.objects.exists()


def test_sign_in_for_someone_not_expected_is_refused_and_nothing_saved(bank):
    with pytest.raises(ValidationError) as error:
        record(bank.head_a, bank.sub_a, MON_12_OCT, signed={bank.am_b: (7, 45)})
    assert "not expected" in " ".join(error.value.message_dict["attendance"])
    nothing_saved()


def test_a_meeting_ending_before_it_starts_is_refused_and_nothing_saved(bank):
    with pytest.raises(ValidationError) as error:
        record(bank.head_a, bank.sub_a, MON_12_OCT, start=(8, 30), end=(8, 0))
    assert "ends_at" in error.value.message_dict
    nothing_saved()


@pytest.mark.parametrize(
    "times, message",
    [
        ((8, 40), "after the meeting ended"),
        (((7, 45), (7, 40)), "cannot leave before signing in"),
    ],
)
def test_impossible_sign_in_times_are_refused(bank, times, message):
    with pytest.raises(ValidationError) as error:
        record(bank.head_a, bank.sub_a, MON_12_OCT, signed={bank.am_a: times})
    assert message in " ".join(error.value.message_dict["attendance"])
    nothing_saved()


def test_a_meeting_in_the_future_is_not_recorded(bank):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        record(bank.head_a, bank.sub_a, tomorrow)
    assert "starts_at" in error.value.message_dict
    nothing_saved()


def test_the_host_is_the_director_or_credit_officer_of_the_unit_or_above(bank):
    with pytest.raises(ValidationError) as error:
        record(bank.head_a, bank.sub_a, MON_12_OCT, host=bank.head_b)
    assert "host" in error.value.message_dict
    # An outlet's meeting may be hosted by its sub-branch's director (R-MTG-1).
    outlet = record(bank.head_a, bank.outlet_a1, MON_12_OCT)
    assert set(statuses(outlet)) == {member(bank.am_a1)}


def test_a_unit_outside_the_scope_or_without_managers_is_refused(bank):
    with pytest.raises(ValidationError) as error:
        record(bank.head_a, bank.sub_b, MON_12_OCT, host=bank.head_a)
    assert "unit" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        record(bank.admin, bank.branch, MON_12_OCT, host=bank.head_a)
    assert "no account managers" in error.value.message_dict["unit"][0]
    nothing_saved()


def test_one_meeting_of_a_type_per_unit_and_day(bank):
    record(bank.head_a, bank.sub_a, MON_12_OCT)
    with pytest.raises(ValidationError):
        record(bank.head_a, bank.sub_a, MON_12_OCT, start=(9, 0), end=(9, 30))
    assert Meeting.objects.count() == 1
    record(bank.head_a, bank.sub_a, MON_12_OCT, code="training", start=(9, 0), end=(9, 30))


@pytest.mark.parametrize("who", ["am_a_user", "hr", "compliance"])
def test_only_directors_and_credit_officers_record(bank, who):
    with pytest.raises(PermissionDenied):
        record(getattr(bank, who), bank.sub_a, MON_12_OCT, host=bank.head_a)
    nothing_saved()


def test_combining_is_allowed_only_with_a_combinable_meeting(bank):
    """R-MTG-3: the analysis meeting may be combined with another."""
    meeting = record(
        bank.head_a,
        bank.sub_a,
        MON_12_OCT,
        code="communication",
        start=(17, 0),
        end=(18, 0),
        combined_with=meeting_type("analysis"),
    )
    assert meeting.combined_with.code == "analysis"
    with pytest.raises(ValidationError) as error:
        record(
            bank.head_a,
            bank.sub_a,
            MON_12_OCT,
            code="weekly",
            combined_with=meeting_type("communication"),
        )
    assert "combined_with" in error.value.message_dict


def test_a_late_arrival_signed_in_afterwards_and_corrections_follow(bank):
    """The register is corrected after saving: statuses and fine proposals follow; a
    pending proposal that no longer applies is withdrawn (R-DIS-4)."""
    meeting = record(bank.head_a, bank.sub_a, MON_12_OCT, signed={bank.officer_a: (7, 45)})
    absent = FineProposal.objects.get(manager=bank.am_a)
    assert absent.reason == FineReason.ABSENT
    row = meeting.attendance.get(manager=bank.am_a)
    row = services.attendance_sign_in(
        actor=bank.officer_a, attendance=row, signed_in_at=at(MON_12_OCT, 8, 5), left_at=None
    )
    assert (row.status, row.minutes_late) == (AttendanceStatus.LATE, 15)
    absent.refresh_from_db()
    assert absent.status == FineStatus.WITHDRAWN
    late = FineProposal.objects.get(manager=bank.am_a, reason=FineReason.LATE)
    assert late.status == FineStatus.PROPOSED and late.meeting == meeting
    services.meeting_update(
        actor=bank.head_a, meeting=meeting, starts_at=at(MON_12_OCT, 8, 10)
    )  # the start moved: on time now
    late.refresh_from_db()
    assert late.status == FineStatus.WITHDRAWN
    assert meeting.attendance.get(manager=bank.am_a).status == AttendanceStatus.PRESENT


def test_a_meeting_stays_on_its_day_and_in_its_scope(bank):
    meeting = record(bank.head_a, bank.sub_a, MON_12_OCT)
    with pytest.raises(ValidationError) as error:
        services.meeting_update(
            actor=bank.head_a, meeting=meeting, starts_at=at(MON_12_OCT, 7, 50) - timedelta(days=1)
        )
    assert "starts_at" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.meeting_update(actor=bank.head_b, meeting=meeting, place="别处")
    meeting.refresh_from_db()
    assert meeting.place == "信贷工作区"


def test_a_new_credit_officer_is_expected_from_then_on(bank):
    officer = UserFactory(role="credit_officer", org_unit=bank.sub_b)
    meeting = record(bank.head_b, bank.sub_b, MON_12_OCT, signed={officer: (7, 40)})
    assert statuses(meeting)[Member(staff_id=officer.pk)] == AttendanceStatus.PRESENT
