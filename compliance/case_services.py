"""Writes of the prohibitions catalogue and of violation cases (R-PRO-1…11).

Anyone with a role reports a suspected breach; compliance officers move the case
(reported → investigating → confirmed / dismissed), each step with a note. Evidence files
are checked (size, type by content) before anything is written; if a write fails after a
file was stored, the file is removed again.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.models import Customer
from managers.choices import Role
from managers.models import AccountManager
from managers.writes import save_validated

from .case_selectors import reportable_managers
from .choices_cases import CASE_TRANSITIONS, CaseStatus
from .evidence_files import CheckedFile, check_evidence
from .prohibitions import Prohibition, ProhibitionAcknowledgement, current_fingerprint
from .violations import Evidence, ViolationCase, ViolationStep


def investigator_refusal(user) -> str | None:
    if user.is_authenticated and (user.sees_whole_bank or user.role == Role.COMPLIANCE):
        return None
    return _("Only compliance officers investigate violation cases.")


@transaction.atomic
def prohibitions_acknowledge(*, actor, today: date) -> ProhibitionAcknowledgement:
    """The account manager `actor` acknowledges the catalogue in force for this year;
    again only when the catalogue changed since (the history keeps the earlier one)."""
    manager = AccountManager.objects.filter(user=actor.pk).first()
    if actor.role != Role.ACCOUNT_MANAGER or manager is None:
        raise PermissionDenied(_("Only account managers acknowledge the prohibitions."))
    fingerprint = current_fingerprint()
    existing = (
        ProhibitionAcknowledgement.objects.select_for_update()
        .filter(manager=manager, year=today.year)
        .first()
    )
    if existing and existing.fingerprint == fingerprint:
        return existing
    record = existing or ProhibitionAcknowledgement(manager=manager, year=today.year)
    record.fingerprint = fingerprint
    record.acknowledged_at = timezone.now()
    record.acknowledged_by = actor
    return save_validated(record, actor)


WORDING = frozenset({"title", "text", "is_active"})


@transaction.atomic
def prohibition_save(*, actor, prohibition: Prohibition, changed: Iterable[str]) -> Prohibition:
    """An administrator edits the catalogue: a change of wording or of being in force is a
    new version of the rule (and of the catalogue, which AMs acknowledge again)."""
    if prohibition.pk and WORDING & set(changed):
        prohibition.version += 1
    return save_validated(prohibition, actor)


def _scoped_customers(actor, numbers: Iterable[str]) -> list[Customer]:
    """Customers by number among those `actor` may see; an unknown number is an error."""
    wanted = sorted({n.strip() for n in numbers if n and n.strip()})
    found = list(Customer.objects.restrict(actor).filter(number__in=wanted))
    missing = sorted(set(wanted) - {c.number for c in found})
    if missing:
        raise ValidationError(
            {
                "customers": _("No customer you may see has the number: %(numbers)s.")
                % {"numbers": ", ".join(missing)}
            }
        )
    return found


def _store_evidence(case, checked: list[CheckedFile], actor, stored: list) -> list[Evidence]:
    """Save the files, noting each stored one in `stored` (for `_atomic_with_files`)."""
    saved = []
    for item in checked:
        evidence = Evidence(
            case=case,
            name=item.name,
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
            uploaded_by=actor,
        )
        evidence.file.save(f"evidence.{item.extension}", File(item.upload), save=False)
        stored.append(evidence.file)
        saved.append(save_validated(evidence, actor))
    return saved


def _atomic_with_files(write):
    """Run `write(stored)` in a transaction; when it fails, delete the files it stored
    (the database rolls back, the storage does not), then re-raise."""
    stored: list = []
    try:
        with transaction.atomic():
            return write(stored)
    except BaseException:
        for file in stored:
            file.storage.delete(file.name)
        raise


def case_report(
    *,
    actor,
    manager: AccountManager,
    rules: Iterable[Prohibition] = (),
    occurred_on: date,
    place: str,
    customer_numbers: Iterable[str] = (),
    description: str,
    confidential: bool = False,
    files=(),
) -> ViolationCase:
    """Anyone with a role reports a suspected breach of the rules (R-PRO-1…11)."""
    if not reportable_managers(actor).filter(pk=manager.pk).exists():
        raise ValidationError({"manager": _("Choose an account manager you may report on.")})
    if occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("The date cannot be in the future.")})
    customers = _scoped_customers(actor, customer_numbers)
    checked = check_evidence(files)
    rules = list(rules)

    def write(stored):
        case = save_validated(
            ViolationCase(
                manager=manager,
                unit_id=manager.unit_id,
                occurred_on=occurred_on,
                place=place.strip(),
                description=description.strip(),
                reporter=actor,
                reporter_confidential=confidential,
            ),
            actor,
        )
        case.rules.set(rules)
        case.customers.set(customers)
        _step(case, actor, "", CaseStatus.REPORTED, _("Reported."))
        _store_evidence(case, checked, actor, stored)
        return case

    return _atomic_with_files(write)


def _step(case, actor, from_status: str, to_status: str, note: str) -> ViolationStep:
    return save_validated(
        ViolationStep(
            case=case, from_status=from_status, to_status=to_status, actor=actor, note=note
        ),
        actor,
    )


def evidence_refusal(actor, case: ViolationCase) -> str | None:
    """Compliance adds evidence to any case; the reporter while the case is open."""
    if investigator_refusal(actor) is None:
        return None
    if case.reporter_id == actor.pk and not case.is_closed:
        return None
    return _("Only compliance officers, or the reporter while the case is open, add evidence.")


def evidence_add(*, actor, case: ViolationCase, files) -> list[Evidence]:
    refusal = evidence_refusal(actor, case)
    if refusal:
        raise PermissionDenied(refusal)
    checked = check_evidence(files)
    if not checked:
        raise ValidationError({"evidence": _("Choose at least one file.")})
    return _atomic_with_files(lambda stored: _store_evidence(case, checked, actor, stored))


@transaction.atomic
def case_advance(
    *,
    actor,
    case: ViolationCase,
    to_status: str,
    note: str,
    rules: Iterable[Prohibition] | None = None,
) -> ViolationCase:
    """Compliance moves a case one step, with a note. Confirming needs at least one rule:
    the ones given here, or those chosen at the report."""
    refusal = investigator_refusal(actor)
    if refusal:
        raise PermissionDenied(refusal)
    locked = ViolationCase.objects.restrict(actor).select_for_update().filter(pk=case.pk).first()
    if locked is None:
        raise PermissionDenied(_("This case is outside your scope."))
    if to_status not in CASE_TRANSITIONS[locked.status]:
        raise ValidationError(
            {
                "to_status": _("A case that is %(status)s cannot move to %(to)s.")
                % {"status": locked.get_status_display(), "to": CaseStatus(to_status).label}
            }
        )
    if not note.strip():
        raise ValidationError({"note": _("Write a note for this step.")})
    rules = list(rules) if rules is not None else None
    if to_status == CaseStatus.CONFIRMED and not (rules or locked.rules.exists()):
        raise ValidationError({"rules": _("Select the rule or rules breached before confirming.")})
    from_status = locked.status
    locked.status = to_status
    save_validated(locked, actor)
    if rules:
        locked.rules.set(rules)
    _step(locked, actor, from_status, to_status, note.strip())
    return locked
