"""Writes of fine proposals (R-DIS-4, R-MTG-2).

Detection (`meetings.discipline`) only ever proposes, through `fine_proposals_sync`;
compliance officers then confirm or waive each proposal. Nothing is deducted silently.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from managers.choices import Role
from managers.writes import save_validated

from .fine_choices import FineStatus
from .fines import FineProposal, FineRate

DECIDERS = frozenset({Role.COMPLIANCE})


@dataclass(frozen=True)
class SyncCounts:
    created: int = 0
    reopened: int = 0
    withdrawn: int = 0


def fine_proposals_sync(*, desired: dict[tuple, FineProposal], scope: Q) -> SyncCounts:
    """Make the proposals within `scope` match `desired` (unsaved proposals by natural
    key), idempotently: missing ones are created, withdrawn ones that apply again are
    proposed again, pending ones that no longer apply (the record was corrected) are
    withdrawn. Confirmed and waived proposals are decisions and stay as they are."""
    existing = {proposal.key: proposal for proposal in FineProposal.objects.filter(scope)}
    new = [proposal for key, proposal in desired.items() if key not in existing]
    reopened = [
        p for key, p in existing.items() if key in desired and p.status == FineStatus.WITHDRAWN
    ]
    withdrawn = [
        p for key, p in existing.items() if key not in desired and p.status == FineStatus.PROPOSED
    ]
    for proposal in reopened:
        proposal.status = FineStatus.PROPOSED
    for proposal in withdrawn:
        proposal.status = FineStatus.WITHDRAWN
    if new:
        bulk_create_with_history(new, FineProposal, batch_size=2000)
    if reopened or withdrawn:
        bulk_update_with_history(
            reopened + withdrawn,
            FineProposal,
            ["status"],
            batch_size=2000,
            default_change_reason="detection",
        )
    return SyncCounts(len(new), len(reopened), len(withdrawn))


def decider_refusal(user) -> str | None:
    if not (user.is_authenticated and user.role in DECIDERS):
        return _("Only compliance officers confirm or waive fines.")
    return None


def _decidable(actor, proposal: FineProposal) -> FineProposal:
    refusal = decider_refusal(actor)
    if refusal:
        raise PermissionDenied(refusal)
    locked = FineProposal.objects.restrict(actor).select_for_update().filter(pk=proposal.pk).first()
    if locked is None:
        raise PermissionDenied(_("This fine proposal is outside your scope."))
    if locked.status != FineStatus.PROPOSED:
        raise ValidationError(
            _("This fine was already decided: %(status)s.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _decide(locked: FineProposal, actor, status: str, note: str) -> FineProposal:
    locked.status = status
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.note = note.strip()
    return save_validated(locked, actor)


@transaction.atomic
def fine_confirm(
    *, actor, proposal: FineProposal, amount: Decimal | None = None, note: str = ""
) -> FineProposal:
    """Compliance confirms the fine, optionally at another amount, never below the
    reason's floor (R-MTG-2: no morning meeting, at least 500 yuan)."""
    locked = _decidable(actor, proposal)
    if amount is not None:
        _amount, minimum = FineRate.schedule()[locked.reason]
        if amount <= 0 or amount < minimum:
            raise ValidationError(
                {
                    "amount": _("The amount must be at least %(minimum)s yuan and above zero.")
                    % {"minimum": minimum}
                }
            )
        locked.amount = amount
    return _decide(locked, actor, FineStatus.CONFIRMED, note)


@transaction.atomic
def fine_waive(*, actor, proposal: FineProposal, note: str) -> FineProposal:
    """Compliance waives the fine and says why."""
    refusal = decider_refusal(actor)
    if refusal:
        raise PermissionDenied(refusal)
    if not (note or "").strip():
        raise ValidationError({"note": _("Say why the fine is waived.")})
    locked = _decidable(actor, proposal)
    return _decide(locked, actor, FineStatus.WAIVED, note)
