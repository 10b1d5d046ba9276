"""Outing checks and what they lead to (R-VIS-2, R-DIS-4): "不在外出登记地点" costs 100
yuan the first time (a fine proposal); the second time and after, the AM is proposed
for standing down (待岗) as a disciplinary-action proposal (kind `stand_down`), which a
compliance officer confirms or waives like any other. Misses count over the AM's whole
record; proposals follow the checks idempotently (a corrected check withdraws its fine)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.models import Outing
from managers.choices import Role
from managers.models import AccountManager
from managers.writes import save_validated

from .choices_cases import DisciplineKind, Trigger
from .discipline import DisciplinaryAction
from .discipline_triggers import _propose
from .fine_choices import FineReason
from .fine_services import fine_proposals_sync
from .fines import FineProposal, FineRate
from .outings import OutingCheck

CHECKERS = frozenset({Role.UNIT_HEAD, Role.COMPLIANCE})


def checker_refusal(user) -> str | None:
    if user.is_authenticated and (user.sees_whole_bank or user.role in CHECKERS):
        return None
    return _("Only unit heads and compliance officers record outing checks.")


@transaction.atomic
def outing_check_record(
    *, actor, outing: Outing, checked_at, at_registered_place: bool = False, note: str = ""
) -> OutingCheck:
    refusal = checker_refusal(actor)
    if refusal:
        raise PermissionDenied(refusal)
    if not Outing.objects.restrict(actor).filter(pk=outing.pk).exists():
        raise ValidationError({"outing": _("Choose an outing of your scope.")})
    if checked_at < outing.left_at:
        raise ValidationError({"checked_at": _("The check is before the outing began.")})
    if not at_registered_place and not note.strip():
        raise ValidationError({"note": _("Say where the account manager was found.")})
    check = OutingCheck(
        outing=outing,
        manager_id=outing.manager_id,
        checked_at=checked_at,
        at_registered_place=at_registered_place,
        note=note.strip(),
        checked_by=actor,
    )
    save_validated(check, actor)
    outing_proposals_sync(manager_ids=[outing.manager_id])
    return check


def outing_proposals_sync(*, manager_ids) -> int:
    """Propose from the managers' misses: a fine for the first, standing down after."""
    misses = OutingCheck.objects.filter(manager_id__in=manager_ids, at_registered_place=False)
    misses = list(misses.order_by("manager_id", "checked_at", "pk"))
    units = dict(AccountManager.objects.filter(pk__in=manager_ids).values_list("pk", "unit_id"))
    amount, _minimum = FineRate.schedule()[FineReason.OUTING_ABSENT]
    fines, stand_downs, seen = {}, [], set()
    for miss in misses:
        if miss.manager_id in seen:
            stand_downs.append(_stand_down(miss))
            continue
        seen.add(miss.manager_id)
        fine = FineProposal(
            manager_id=miss.manager_id,
            unit_id=units[miss.manager_id],
            reason=FineReason.OUTING_ABSENT,
            amount=amount,
            day=timezone.localdate(miss.checked_at),
            note=miss.note,
        )
        fines[fine.key] = fine
    scope = Q(manager_id__in=manager_ids, reason=FineReason.OUTING_ABSENT)
    fine_proposals_sync(desired=fines, scope=scope)
    return _propose(Trigger.OUTING_REPEATED, stand_downs)


def _stand_down(miss: OutingCheck) -> DisciplinaryAction:
    day = timezone.localdate(miss.checked_at)
    return DisciplinaryAction(
        manager_id=miss.manager_id,
        kind=DisciplineKind.STAND_DOWN,
        trigger_key=f"outing-check:{miss.pk}",
        facts={"outing_check": miss.pk, "day": day.isoformat(), "note": miss.note},
        reason=_("Not at the registered outing place again on %(day)s.") % {"day": day},
        start_date=day,
    )
