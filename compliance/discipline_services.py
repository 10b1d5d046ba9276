"""Writes of disciplinary actions (R-DIS-1…3): record one, confirm or waive a proposal.

Who decides: compliance officers confirm admonishments and yellow cards; HR confirms the
kinds that change the grade (demotion, exit, dismissal), and confirming one files a
grade change proposal through `managers.grade_services`, approved as any other (R-GRD-4).
Administrators may do either. Nobody confirms an action they recorded themselves.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from managers import grade_services
from managers.choices import GradeChangeKind, Role
from managers.grade_rules import term_end
from managers.models import AccountManager, GradeLevel
from managers.writes import save_validated

from .choices_cases import GRADE_KINDS, ActionStatus, CaseStatus, DisciplineKind, Trigger
from .discipline import ADMONISHMENT_MONTHS, DisciplinaryAction
from .discipline_triggers import detect_second_yellow_cards
from .violations import ViolationCase

RECORDERS = frozenset({Role.COMPLIANCE, Role.HR})


def recorder_refusal(user) -> str | None:
    if user.is_authenticated and (user.sees_whole_bank or user.role in RECORDERS):
        return None
    return _("Only compliance officers and HR record disciplinary actions.")


def decider_refusal(user, kind: str) -> str | None:
    """Compliance decides admonishments and yellow cards, HR the grade-related kinds."""
    if not user.is_authenticated:
        return _("Log in first.")
    if user.sees_whole_bank:
        return None
    needed = Role.HR if kind in GRADE_KINDS else Role.COMPLIANCE
    if user.role == needed:
        return None
    if needed == Role.HR:
        return _("HR confirms or waives demotions, exits and dismissals.")
    return _("Compliance officers confirm or waive admonishments and yellow cards.")


def _check_case(case: ViolationCase | None, manager: AccountManager, start_date: date | None):
    if case is None:
        return
    if case.manager_id != manager.pk:
        raise ValidationError({"case": _("The case is about another account manager.")})
    if case.status != CaseStatus.CONFIRMED:
        raise ValidationError({"case": _("Only a confirmed case leads to an action.")})
    reported_on = timezone.localdate(case.reported_at)
    if start_date is not None and start_date < reported_on:
        raise ValidationError(
            {
                "start_date": _("The action cannot start before its case was reported (%(date)s).")
                % {"date": reported_on.isoformat()}
            }
        )


@transaction.atomic
def action_record(
    *,
    actor,
    manager: AccountManager,
    kind: str,
    reason: str,
    start_date: date | None = None,
    case: ViolationCase | None = None,
) -> DisciplinaryAction:
    """A person records an action (R-DIS-1 "other faults", R-DIS-3 illegal acts, …),
    usually from a confirmed case; it waits for another person's confirmation."""
    refusal = recorder_refusal(actor)
    if refusal:
        raise PermissionDenied(refusal)
    if not AccountManager.objects.restrict(actor).filter(pk=manager.pk).exists():
        raise ValidationError({"manager": _("Choose an account manager of your scope.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    _check_case(case, manager, start_date)
    action = DisciplinaryAction(
        manager=manager,
        kind=kind,
        trigger=Trigger.MANUAL,
        reason=reason.strip(),
        start_date=start_date,
        case=case,
        proposed_by=actor,
    )
    return save_validated(action, actor)


def _decidable(actor, action: DisciplinaryAction) -> DisciplinaryAction:
    locked = (
        DisciplinaryAction.objects.restrict(actor)
        .select_for_update(of=("self",))
        .select_related("case", "manager")
        .filter(pk=action.pk)
        .first()
    )
    if locked is None:
        raise PermissionDenied(_("This action is outside your scope."))
    refusal = decider_refusal(actor, locked.kind)
    if refusal:
        raise PermissionDenied(refusal)
    if locked.status != ActionStatus.PROPOSED:
        raise ValidationError(
            _("This action was already decided: %(status)s.")
            % {"status": locked.get_status_display()}
        )
    if locked.proposed_by_id == actor.pk:
        raise PermissionDenied(_("Nobody confirms or waives an action they recorded."))
    return locked


def _decide(locked, actor, status: str, note: str) -> DisciplinaryAction:
    locked.status = status
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.note = note.strip()
    return save_validated(locked, actor)


def _lower_grade(manager: AccountManager) -> GradeLevel | None:
    """The next grade down of the active scheme (never the trainee grade)."""
    current = manager.current_appointment.level if manager.current_appointment else None
    if current is None:
        return None
    return (
        GradeLevel.objects.filter(scheme__is_active=True, is_trainee=False, rank__lt=current.rank)
        .order_by("-rank")
        .first()
    )


def _file_grade_change(locked: DisciplinaryAction, actor) -> None:
    """Demotion, exit or dismissal becomes a grade change proposal (R-GRD-3, R-GRD-4)."""
    manager = AccountManager.objects.select_related("current_appointment__level").get(
        pk=locked.manager_id
    )
    lower = _lower_grade(manager) if locked.kind == DisciplineKind.DEMOTION else None
    if locked.kind == DisciplineKind.DEMOTION and lower is None:
        raise ValidationError(
            {"kind": _("There is no lower grade to demote to: propose an exit instead.")}
        )
    reason = _("%(action)s (disciplinary action %(id)s). %(note)s") % {
        "action": locked.get_kind_display(),
        "id": locked.pk,
        "note": locked.note,
    }
    locked.grade_change = grade_services.grade_change_propose(
        actor=actor,
        manager=manager,
        kind=GradeChangeKind.DEMOTE if lower else GradeChangeKind.EXIT,
        to_level=lower,
        effective_date=locked.start_date,
        reason=reason.strip(),
    )
    save_validated(locked, actor, update_fields=["grade_change"])


@transaction.atomic
def action_confirm(
    *, actor, action: DisciplinaryAction, start_date: date, note: str = ""
) -> DisciplinaryAction:
    """Confirm a proposal from `start_date`: an admonishment runs six months (R-DIS-1);
    a yellow card may call for a dismissal proposal (R-DIS-2); a grade-related action
    files a grade change proposal."""
    locked = _decidable(actor, action)
    if start_date is None:
        raise ValidationError({"start_date": _("Give the date the action takes effect.")})
    _check_case(locked.case, locked.manager, start_date)
    locked.start_date = start_date
    if locked.kind == DisciplineKind.ADMONISHMENT:
        locked.end_date = term_end(start_date, ADMONISHMENT_MONTHS)
    _decide(locked, actor, ActionStatus.CONFIRMED, note)
    if locked.kind in GRADE_KINDS:
        _file_grade_change(locked, actor)
    if locked.kind == DisciplineKind.YELLOW_CARD:
        detect_second_yellow_cards([locked.manager_id])
    return locked


@transaction.atomic
def action_waive(*, actor, action: DisciplinaryAction, note: str) -> DisciplinaryAction:
    """Waive a proposal, saying why; detection will not propose the same fact again."""
    if not (note or "").strip():
        raise ValidationError({"note": _("Say why the action is waived.")})
    locked = _decidable(actor, action)
    return _decide(locked, actor, ActionStatus.WAIVED, note)
