"""Proposing and deciding grade changes (R-GRD-3…6) through the services."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from managers import grade_services
from managers.choices import GradeChangeKind, GradeChangeStatus, ManagerStatus, Role
from managers.models import GradeAppointment, GradeChange
from tests.factories import AccountManagerFactory, UserFactory, appoint


def propose(bank, manager, kind, level, *, on=date(2026, 1, 1), actor=None):
    return grade_services.grade_change_propose(
        actor=actor or bank.head_a,
        manager=manager,
        kind=kind,
        to_level=level,
        effective_date=on,
        reason="年度考核",
    )


def test_unit_head_proposes_and_appoints_l3_within_the_sub_branch(bank, levels):
    """R-GRD-4: L3 and below — the sub-branch appoints and files with HR."""
    change = propose(bank, bank.am_a, GradeChangeKind.APPOINT, levels["L3"])
    assert change.authority == "sub_branch" and change.prerequisite_issues == []
    hr_user = UserFactory(role=Role.HR, org_unit=bank.sub_a)
    grade_services.grade_change_approve(actor=hr_user, change=change, opinion="同意")

    bank.am_a.refresh_from_db()
    appointment = bank.am_a.current_appointment
    assert appointment.level == levels["L3"]
    assert (appointment.start_date, appointment.end_date) == (date(2026, 1, 1), date(2026, 12, 31))
    change.refresh_from_db()
    assert change.status == GradeChangeStatus.APPROVED
    assert change.proposed_by == bank.head_a and change.decided_by == hr_user
    assert change.history.filter(history_user=hr_user).exists()


def test_nobody_approves_their_own_proposal(bank, levels):
    change = propose(bank, bank.am_a, GradeChangeKind.APPOINT, levels["L4"], actor=bank.hr)
    with pytest.raises(PermissionDenied, match="不能审批本人提出的建议"):
        grade_services.grade_change_approve(actor=bank.hr, change=change)


@pytest.mark.parametrize(
    ("target", "approver_role", "approver_unit", "allowed"),
    [
        ("L3", Role.UNIT_HEAD, "sub_a", True),
        ("L3", Role.UNIT_HEAD, "outlet_a1", False),  # an outlet does not appoint
        ("L2", Role.UNIT_HEAD, "sub_a", False),  # L2 needs HR
        ("L2", Role.HR, "sub_a", True),
        ("L1", Role.HR, "sub_a", False),  # L1 needs the branch committee
        ("L1", Role.HR, "branch", True),
        ("senior", Role.COMPLIANCE, "branch", False),
        ("senior", Role.ADMIN, "head_office", True),
    ],
)
def test_approval_authority_by_target_grade(
    bank, levels, target, approver_role, approver_unit, allowed
):
    bank.am_a.hire_date = bank.am_a.marketing_since = date(2015, 1, 1)
    bank.am_a.save()
    change = propose(bank, bank.am_a, GradeChangeKind.APPOINT, levels[target], actor=bank.hr)
    approver = UserFactory(role=approver_role, org_unit=getattr(bank, approver_unit))
    if allowed:
        grade_services.grade_change_approve(actor=approver, change=change)
        assert GradeChange.objects.get(pk=change.pk).status == GradeChangeStatus.APPROVED
    else:
        with pytest.raises(PermissionDenied, match="R-GRD-4"):
            grade_services.grade_change_approve(actor=approver, change=change)
        assert GradeChange.objects.get(pk=change.pk).status == GradeChangeStatus.PROPOSED


def test_account_manager_cannot_propose(bank, levels):
    with pytest.raises(PermissionDenied):
        propose(bank, bank.am_a, GradeChangeKind.APPOINT, levels["L4"], actor=bank.am_a_user)


def test_unmet_tenure_needs_an_exception_with_justification(bank, levels):
    """R-GRD-6: L1 needs 3 years in marketing; am_a started 2018-06-01 — give them 2."""
    bank.am_a.hire_date = bank.am_a.marketing_since = date(2024, 1, 1)
    bank.am_a.save()
    change = propose(bank, bank.am_a, GradeChangeKind.APPOINT, levels["L1"])
    assert "R-GRD-6" in change.prerequisite_issues[0]

    with pytest.raises(ValidationError) as refused:
        grade_services.grade_change_approve(actor=bank.hr, change=change, opinion="同意")
    assert "exception_justification" in refused.value.message_dict
    assert GradeChange.objects.get(pk=change.pk).status == GradeChangeStatus.PROPOSED
    assert not GradeAppointment.objects.filter(manager=bank.am_a).exists()

    grade_services.grade_change_approve(
        actor=bank.hr,
        change=change,
        opinion="同意",
        exception_justification="业绩特别突出，分行党委会议决定破格聘任。",
    )
    change.refresh_from_db()
    assert change.is_exception and change.exception_justification.startswith("业绩特别突出")


def test_trainee_period_blocks_grading_until_it_ends(bank, levels):
    """R-GRD-5: a new graduate trains one year."""
    trainee = AccountManagerFactory(
        unit=bank.sub_a,
        status=ManagerStatus.TRAINEE,
        hire_date=date(2026, 3, 1),
        marketing_since=date(2026, 3, 1),
    )
    appoint(
        trainee, levels["trainee"], start=date(2026, 3, 1), proposer=bank.head_a, approver=bank.hr
    )
    early = propose(bank, trainee, GradeChangeKind.APPOINT, levels["L4"], on=date(2027, 2, 28))
    assert any("R-GRD-5" in issue for issue in early.prerequisite_issues)
    grade_services.grade_change_reject(actor=bank.hr, change=early, opinion="见习期未满")

    on_time = propose(bank, trainee, GradeChangeKind.APPOINT, levels["L4"], on=date(2027, 3, 1))
    assert on_time.prerequisite_issues == []
    grade_services.grade_change_approve(actor=bank.hr, change=on_time)
    trainee.refresh_from_db()
    assert trainee.status == ManagerStatus.ACTIVE
    assert trainee.current_appointment.level == levels["L4"]
    terms = list(trainee.appointments.order_by("start_date").values_list("start_date", "end_date"))
    assert terms == [(date(2026, 3, 1), date(2027, 2, 28)), (date(2027, 3, 1), date(2028, 2, 29))]


def test_promotion_mid_term_ends_the_current_term_the_day_before(bank, levels):
    appoint(bank.am_a, levels["L3"], start=date(2026, 1, 1), proposer=bank.head_a, approver=bank.hr)
    change = propose(bank, bank.am_a, GradeChangeKind.PROMOTE, levels["L2"], on=date(2026, 7, 1))
    grade_services.grade_change_approve(actor=bank.hr, change=change)
    terms = list(
        bank.am_a.appointments.order_by("start_date").values_list(
            "level__code", "start_date", "end_date"
        )
    )
    assert terms == [
        ("L3", date(2026, 1, 1), date(2026, 6, 30)),
        ("L2", date(2026, 7, 1), date(2027, 6, 30)),
    ]


def test_exit_ends_the_term_and_the_status(bank, levels):
    appoint(bank.am_a, levels["L4"], start=date(2026, 1, 1), proposer=bank.head_a, approver=bank.hr)
    change = propose(bank, bank.am_a, GradeChangeKind.EXIT, None, on=date(2026, 10, 1))
    grade_services.grade_change_approve(actor=bank.hr, change=change)
    bank.am_a.refresh_from_db()
    assert bank.am_a.status == ManagerStatus.EXITED and bank.am_a.current_appointment is None
    assert bank.am_a.appointments.get().end_date == date(2026, 9, 30)


def test_exceptional_promotion_always_needs_a_justification(bank, levels):
    bank.am_a.hire_date = bank.am_a.marketing_since = date(2010, 1, 1)
    bank.am_a.save()
    appoint(bank.am_a, levels["L4"], start=date(2025, 1, 1), proposer=bank.head_a, approver=bank.hr)
    change = propose(bank, bank.am_a, GradeChangeKind.EXCEPTIONAL_PROMOTION, levels["L2"])
    with pytest.raises(ValidationError):
        grade_services.grade_change_approve(actor=bank.hr, change=change)
    grade_services.grade_change_approve(
        actor=bank.hr, change=change, exception_justification="业绩特别突出"
    )
    assert GradeChange.objects.get(pk=change.pk).is_exception


def test_wrong_kind_is_refused_outright(bank, levels):
    appoint(bank.am_a, levels["L3"], start=date(2026, 1, 1), proposer=bank.head_a, approver=bank.hr)
    with pytest.raises(ValidationError) as refused:
        propose(bank, bank.am_a, GradeChangeKind.PROMOTE, levels["L4"], on=date(2026, 6, 1))
    assert "kind" in refused.value.message_dict


def test_one_open_proposal_per_manager(bank, levels):
    propose(bank, bank.am_a, GradeChangeKind.APPOINT, levels["L4"])
    with pytest.raises(ValidationError, match="已有待审批的等级调整"):
        propose(bank, bank.am_a, GradeChangeKind.APPOINT, levels["L3"])


def test_rejection_needs_an_opinion_and_changes_nothing(bank, levels):
    change = propose(bank, bank.am_a, GradeChangeKind.APPOINT, levels["L4"])
    with pytest.raises(ValidationError):
        grade_services.grade_change_reject(actor=bank.hr, change=change, opinion=" ")
    grade_services.grade_change_reject(actor=bank.hr, change=change, opinion="材料不全")
    bank.am_a.refresh_from_db()
    assert bank.am_a.current_appointment is None
    with pytest.raises(ValidationError, match="该建议已处理"):
        grade_services.grade_change_approve(actor=bank.hr, change=change)


def test_effective_date_before_the_current_term_start_is_refused(bank, levels):
    appoint(bank.am_a, levels["L3"], start=date(2026, 1, 1), proposer=bank.head_a, approver=bank.hr)
    change = propose(bank, bank.am_a, GradeChangeKind.RENEW, levels["L3"], on=date(2025, 6, 1))
    with pytest.raises(ValidationError) as refused:
        grade_services.grade_change_approve(actor=bank.hr, change=change)
    assert "effective_date" in refused.value.message_dict
    assert bank.am_a.appointments.count() == 1


def test_database_refuses_overlapping_terms(bank, levels):
    """Even a write that bypasses the services cannot overlap two terms (PostgreSQL)."""
    first = appoint(
        bank.am_a, levels["L3"], start=date(2026, 1, 1), proposer=bank.head_a, approver=bank.hr
    )
    other_change = propose(bank, bank.am_b, GradeChangeKind.APPOINT, levels["L4"], actor=bank.hr)
    with pytest.raises(IntegrityError), transaction.atomic():
        GradeAppointment.objects.create(
            manager=bank.am_a,
            level=levels["L2"],
            start_date=date(2026, 6, 1),
            end_date=date(2027, 5, 31),
            change=other_change,
        )
    assert list(bank.am_a.appointments.all()) == [first]


def test_grade_of_another_scheme_is_refused(bank, levels):
    from managers.models import GradeLevel, GradeScheme

    old = GradeScheme.objects.create(name="旧体系")
    stray = GradeLevel.objects.create(
        scheme=old, code="X", name="旧等级", rank=1, staff_grade=9, approval_authority="sub_branch"
    )
    with pytest.raises(ValidationError) as refused:
        propose(bank, bank.am_a, GradeChangeKind.APPOINT, stray)
    assert "to_level" in refused.value.message_dict
