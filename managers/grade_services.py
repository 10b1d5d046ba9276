"""Write operations on grades: propose, approve, reject (R-GRD-3…6). Each runs in one
transaction with the account manager's row locked, and records who did it."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import grade_rules as rules
from .choices import GradeChangeKind, GradeChangeStatus, ManagerStatus
from .grade_permissions import decision_refusal, proposal_refusal
from .models import AccountManager, GradeAppointment, GradeChange, GradeLevel, GradeScheme
from .writes import save_validated


def level_facts(level: GradeLevel | None) -> rules.Level | None:
    if level is None:
        return None
    return rules.Level(
        name=level.name,
        rank=level.rank,
        min_marketing_years=level.min_marketing_years,
        is_trainee=level.is_trainee,
        authority=level.approval_authority,
    )


def person_facts(manager: AccountManager) -> rules.Person:
    return rules.Person(
        status=manager.status,
        entry_route=manager.entry_route,
        hire_date=manager.hire_date,
        marketing_since=manager.marketing_since,
        education=manager.education,
        professional_title=manager.professional_title,
    )


def trainee_terms(scheme: GradeScheme) -> rules.TraineeTerms:
    return rules.TraineeTerms(
        graduate_months=scheme.trainee_months_graduate,
        transfer_months=scheme.trainee_months_transfer,
    )


def _locked_manager(manager_id: int) -> AccountManager:
    return (
        AccountManager.objects.select_for_update(of=("self",))
        .select_related("current_appointment__level")
        .get(pk=manager_id)
    )


def _current_level(manager: AccountManager) -> GradeLevel | None:
    return manager.current_appointment.level if manager.current_appointment else None


@transaction.atomic
def grade_change_propose(
    *,
    actor,
    manager: AccountManager,
    kind: str,
    to_level: GradeLevel | None,
    effective_date,
    reason: str,
) -> GradeChange:
    refusal = proposal_refusal(actor)
    if refusal:
        raise PermissionDenied(refusal)
    manager = _locked_manager(manager.pk)
    scheme = GradeScheme.active()
    if to_level is not None and to_level.scheme_id != scheme.pk:
        raise ValidationError({"to_level": _("Choose a grade of the active grade scheme.")})
    current = _current_level(manager)
    errors = rules.kind_errors(kind, level_facts(current), level_facts(to_level))
    if errors:
        raise ValidationError({"kind": errors})
    change = GradeChange(
        manager=manager,
        kind=kind,
        from_level=current,
        to_level=to_level,
        effective_date=effective_date,
        reason=reason.strip(),
        authority=rules.approval_authority(level_facts(current), level_facts(to_level)),
        prerequisite_issues=rules.prerequisite_issues(
            person_facts(manager), level_facts(to_level), effective_date, trainee_terms(scheme)
        ),
        proposed_by=actor,
    )
    return save_validated(change, actor)


def _locked_open_change(change: GradeChange) -> GradeChange:
    change = (
        GradeChange.objects.select_for_update(of=("self",))
        .select_related("to_level", "from_level")
        .get(pk=change.pk)
    )
    if change.status != GradeChangeStatus.PROPOSED:
        raise ValidationError(
            _("This change was already decided: %(status)s.")
            % {"status": change.get_status_display()}
        )
    return change


def _decide(change: GradeChange, *, actor, status: str, opinion: str) -> None:
    change.status = status
    change.decided_by = actor
    change.decided_at = timezone.now()
    change.opinion = opinion.strip()
    save_validated(change, actor)


@transaction.atomic
def grade_change_approve(
    *, actor, change: GradeChange, opinion: str = "", exception_justification: str = ""
) -> GradeChange:
    change = _locked_open_change(change)
    refusal = decision_refusal(actor, change)
    if refusal:
        raise PermissionDenied(refusal)
    manager = _locked_manager(change.manager_id)
    scheme = GradeScheme.active()
    issues = rules.prerequisite_issues(
        person_facts(manager),
        level_facts(change.to_level),
        change.effective_date,
        trainee_terms(scheme),
    )
    justification = exception_justification.strip()
    needs_exception = bool(issues) or change.kind == GradeChangeKind.EXCEPTIONAL_PROMOTION
    if needs_exception and not justification:
        raise ValidationError(
            {
                "exception_justification": [
                    _("Approve this only as an exception (破格) with a written justification."),
                    *issues,
                ]
            }
        )
    change.prerequisite_issues = issues
    change.is_exception = needs_exception
    change.exception_justification = justification if needs_exception else ""
    _decide(change, actor=actor, status=GradeChangeStatus.APPROVED, opinion=opinion)
    _apply(change, manager, scheme, actor)
    return change


@transaction.atomic
def grade_change_reject(*, actor, change: GradeChange, opinion: str) -> GradeChange:
    change = _locked_open_change(change)
    refusal = decision_refusal(actor, change)
    if refusal:
        raise PermissionDenied(refusal)
    if not opinion.strip():
        raise ValidationError({"opinion": _("Give the reason for the rejection.")})
    _decide(change, actor=actor, status=GradeChangeStatus.REJECTED, opinion=opinion)
    return change


def _apply(change: GradeChange, manager: AccountManager, scheme: GradeScheme, actor) -> None:
    """End the current term the day before the change takes effect; start the next term."""
    start = change.effective_date
    current = manager.current_appointment
    if current and current.end_date >= start:
        if current.start_date >= start:
            raise ValidationError(
                {
                    "effective_date": _("Must be after the current term began (%(date)s).")
                    % {"date": current.start_date.isoformat()}
                }
            )
        current.end_date = start - timedelta(days=1)
        save_validated(current, actor, update_fields=["end_date"])
    if change.kind == GradeChangeKind.EXIT:
        manager.current_appointment = None
        manager.status = ManagerStatus.EXITED
    else:
        appointment = GradeAppointment(
            manager=manager,
            level=change.to_level,
            start_date=start,
            end_date=rules.term_end(start, scheme.term_months),
            change=change,
        )
        overlapping = GradeAppointment.objects.filter(
            manager=manager, start_date__lte=appointment.end_date, end_date__gte=start
        )
        if overlapping.exists():
            raise ValidationError(
                {"effective_date": _("Another appointment term overlaps this one.")}
            )
        save_validated(appointment, actor)
        manager.current_appointment = appointment
        manager.status = (
            ManagerStatus.TRAINEE if change.to_level.is_trainee else ManagerStatus.ACTIVE
        )
    save_validated(manager, actor, update_fields=["current_appointment", "status"])
