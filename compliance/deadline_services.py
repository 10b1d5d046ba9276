"""Recording deadline records and detecting late ones (R-DIS-4).

Credit files: 50 yuan per file handed over after the 15th working day. Preliminary
opinions: the AM's first late opinion is a warning, every later one 100 yuan. Fines are
proposed per manager and due day (the amount is the rate times the late records of that
day), through `fine_proposals_sync`; a pending proposal follows later corrections."""

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from customers.models import Customer
from managers.choices import Role
from managers.models import AccountManager
from managers.writes import save_validated

from .deadline_rules import due_dates, is_late
from .deadlines import CreditApplication, CreditFileHandover
from .fine_choices import FineReason, FineStatus
from .fine_services import fine_proposals_sync
from .fines import FineProposal, FineRate

RECORDERS = frozenset({Role.UNIT_HEAD, Role.CREDIT_OFFICER, Role.COMPLIANCE})


@dataclass
class DeadlineResult:
    late_files: int = 0
    late_opinions: int = 0
    warnings: int = 0
    fines: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


@transaction.atomic
def deadline_record(*, actor, record: CreditFileHandover | CreditApplication):
    """Save a new or corrected record of the actor's scope."""
    if not (actor.is_authenticated and (actor.sees_whole_bank or actor.role in RECORDERS)):
        raise PermissionDenied(_("Only unit heads, credit officers and compliance record this."))
    if not AccountManager.objects.restrict(actor).filter(pk=record.manager_id).exists():
        raise ValidationError({"manager": _("Choose an account manager of your scope.")})
    if not Customer.objects.restrict(actor).filter(pk=record.customer_id).exists():
        raise ValidationError({"customer": _("Choose a customer of your scope.")})
    if record.recorded_by_id is None:
        record.recorded_by = actor
    return save_validated(record, actor)


def _refresh_due(records) -> None:
    changed = []
    for record, due in zip(records, due_dates(records), strict=True):
        if record.due_on != due:
            record.due_on = due
            changed.append(record)
    if changed:
        bulk_update_with_history(changed, type(changed[0]), ["due_on"], batch_size=1000)


def _desired(late_by_key: dict, reason: str) -> dict:
    amount, _minimum = FineRate.schedule()[reason]
    desired = {}
    for (manager, unit, day), records in late_by_key.items():
        fine = FineProposal(
            manager=manager,
            unit_id=unit,
            reason=reason,
            amount=amount * len(records),
            day=day,
            note=", ".join(str(r) for r in records),
        )
        desired[fine.key] = fine
    return desired


def _sync(desired: dict, reason: str) -> int:
    """Sync, then bring pending amounts in line with the records (one file more)."""
    counts = fine_proposals_sync(desired=desired, scope=Q(reason=reason))
    pending = FineProposal.objects.filter(reason=reason, status=FineStatus.PROPOSED)
    changed = []
    for proposal in pending:
        wanted = desired.get(proposal.key)
        if wanted is not None and wanted.amount != proposal.amount:
            proposal.amount, proposal.note = wanted.amount, wanted.note
            changed.append(proposal)
    if changed:
        bulk_update_with_history(changed, FineProposal, ["amount", "note"], batch_size=1000)
    return counts.created + counts.reopened


def _late(model, today: date) -> list:
    records = list(model.objects.select_related("manager", "customer").order_by("pk"))
    _refresh_due(records)
    return sorted((r for r in records if is_late(r, today)), key=lambda r: (r.due_on, r.pk))


def _group(records) -> dict:
    grouped = defaultdict(list)
    for record in records:
        grouped[(record.manager, record.manager.unit_id, record.due_on)].append(record)
    return grouped


@transaction.atomic
def detect_deadline_fines(today: date) -> DeadlineResult:
    """R-DIS-4, daily (beat 04:00): propose fines for late files and opinions."""
    files = _late(CreditFileHandover, today)
    opinions = _late(CreditApplication, today)
    warned, fined = set(), []
    for opinion in opinions:
        if opinion.manager_id in warned:
            fined.append(opinion)
        else:
            warned.add(opinion.manager_id)
    created = _sync(
        _desired(_group(files), FineReason.CREDIT_FILE_LATE), FineReason.CREDIT_FILE_LATE
    )
    created += _sync(_desired(_group(fined), FineReason.OPINION_LATE), FineReason.OPINION_LATE)
    return DeadlineResult(len(files), len(opinions), len(warned), created)
