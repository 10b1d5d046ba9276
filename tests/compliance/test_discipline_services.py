"""Recording, confirming and waiving disciplinary actions (R-DIS-1…3): reason, dates,
approver; clear errors for an action dated before its case, a case not confirmed or
about someone else; who decides which kind; nobody confirms their own record."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from compliance import case_services
from compliance import discipline_services as services
from compliance.choices_cases import ActionStatus, CaseStatus, DisciplineKind
from compliance.models import DisciplinaryAction
from managers.choices import Role
from managers.models import GradeChange
from tests.compliance.case_helpers import graded, report
from tests.factories import UserFactory


@pytest.fixture
def confirmed_case(bank):
    case = report(bank)
    for to_status in (CaseStatus.INVESTIGATING, CaseStatus.CONFIRMED):
        case = case_services.case_advance(
            actor=bank.compliance, case=case, to_status=to_status, note="核实"
        )
    return case


def record(bank, case=None, **fields):
    values = {
        "actor": bank.compliance,
        "manager": bank.am_a,
        "kind": DisciplineKind.ADMONISHMENT,
        "reason": "代客户签字（其他过失）",
        "case": case,
    }
    return services.action_record(**(values | fields))


def test_an_action_from_a_confirmed_case_is_confirmed_by_another_person(bank, confirmed_case):
    today = timezone.localdate()
    action = record(bank, confirmed_case, start_date=today)
    assert (action.status, action.proposed_by, action.case) == (
        ActionStatus.PROPOSED,
        bank.compliance,
        confirmed_case,
    )
    with pytest.raises(PermissionDenied):  # nobody confirms what they recorded
        services.action_confirm(actor=bank.compliance, action=action, start_date=today)
    action = services.action_confirm(actor=bank.admin, action=action, start_date=today, note="同意")
    assert (action.status, action.decided_by, action.note) == (
        ActionStatus.CONFIRMED,
        bank.admin,
        "同意",
    )
    assert action.end_date > action.start_date
    assert action.history.count() == 2


def test_an_action_dated_before_its_case_is_a_clear_error(bank, confirmed_case):
    reported = timezone.localdate(confirmed_case.reported_at)
    before = DisciplinaryAction.objects.count()
    with pytest.raises(ValidationError) as error:
        record(bank, confirmed_case, start_date=reported - timedelta(days=1))
    assert "start_date" in error.value.message_dict
    assert reported.isoformat() in error.value.message_dict["start_date"][0]
    assert DisciplinaryAction.objects.count() == before
    action = record(bank, confirmed_case)  # no date yet: checked again at confirmation
    with pytest.raises(ValidationError) as error:
        services.action_confirm(
            actor=bank.admin, action=action, start_date=reported - timedelta(days=1)
        )
    assert "start_date" in error.value.message_dict
    action.refresh_from_db()
    assert action.status == ActionStatus.PROPOSED


def test_the_case_must_be_confirmed_and_about_the_same_person(bank):
    open_case = report(bank)
    with pytest.raises(ValidationError) as error:
        record(bank, open_case)
    assert "case" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        record(bank, open_case, manager=bank.am_a1)
    assert "case" in error.value.message_dict


def test_recording_needs_a_reason_a_role_and_the_scope(bank):
    with pytest.raises(ValidationError):
        record(bank, reason="  ")
    with pytest.raises(PermissionDenied):
        record(bank, actor=bank.head_a)
    hr_of_a = UserFactory(role=Role.HR, org_unit=bank.sub_a)
    with pytest.raises(ValidationError) as error:  # B is outside sub-branch A's HR scope
        record(bank, actor=hr_of_a, manager=bank.am_b, kind=DisciplineKind.YELLOW_CARD)
    assert "manager" in error.value.message_dict


@pytest.mark.parametrize(
    ("kind", "decider", "refused"),
    [
        (DisciplineKind.ADMONISHMENT, "compliance", "hr"),
        (DisciplineKind.YELLOW_CARD, "compliance", "hr"),
        (DisciplineKind.EXIT, "hr", "compliance"),
        (DisciplineKind.DISMISSAL, "hr", "compliance"),
    ],
)
def test_compliance_decides_conduct_and_hr_the_grade_related_kinds(
    bank, levels, kind, decider, refused
):
    manager = graded(bank, levels["L3"])
    action = record(bank, actor=bank.admin, manager=manager, kind=kind)
    with pytest.raises(PermissionDenied):
        services.action_confirm(
            actor=getattr(bank, refused), action=action, start_date=date(2026, 11, 1)
        )
    with pytest.raises(PermissionDenied):
        services.action_waive(actor=bank.head_a, action=action, note="x")
    done = services.action_confirm(
        actor=getattr(bank, decider), action=action, start_date=date(2026, 11, 1)
    )
    assert done.status == ActionStatus.CONFIRMED
    assert (done.grade_change is not None) == (
        kind in (DisciplineKind.EXIT, DisciplineKind.DISMISSAL)
    )


def test_waiving_needs_a_note_and_decides_once(bank):
    action = record(bank, actor=bank.admin)
    with pytest.raises(ValidationError) as error:
        services.action_waive(actor=bank.compliance, action=action, note=" ")
    assert "note" in error.value.message_dict
    action = services.action_waive(actor=bank.compliance, action=action, note="情节轻微")
    assert (action.status, action.decided_by) == (ActionStatus.WAIVED, bank.compliance)
    with pytest.raises(ValidationError):
        services.action_confirm(actor=bank.compliance, action=action, start_date=date(2026, 11, 1))


def test_a_demotion_with_no_lower_grade_is_refused_and_nothing_changes(bank, levels):
    manager = graded(bank, levels["L4"])
    action = record(bank, actor=bank.admin, manager=manager, kind=DisciplineKind.DEMOTION)
    with pytest.raises(ValidationError) as error:
        services.action_confirm(actor=bank.hr, action=action, start_date=date(2026, 11, 1))
    assert "kind" in error.value.message_dict
    action.refresh_from_db()
    assert (
        action.status == ActionStatus.PROPOSED
        and not GradeChange.objects.filter(manager=manager, kind="demote").exists()
    )


def test_a_demotion_files_a_grade_change_for_approval(bank, levels):
    manager = graded(bank, levels["L2"])
    action = record(bank, actor=bank.compliance, manager=manager, kind=DisciplineKind.DEMOTION)
    action = services.action_confirm(actor=bank.hr, action=action, start_date=date(2026, 12, 1))
    change = action.grade_change
    assert (change.from_level.code, change.to_level.code, change.status) == ("L2", "L3", "proposed")
    manager.refresh_from_db()
    assert manager.current_appointment.level.code == "L2"  # not changed until approved
