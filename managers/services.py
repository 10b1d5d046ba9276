"""Write operations on account managers: validate, save and record history together."""

from django.db import transaction

from .models import AccountManager
from .writes import save_validated


@transaction.atomic
def account_manager_create(*, actor, **fields) -> AccountManager:
    manager = AccountManager(**fields)
    return save_validated(manager, actor)


@transaction.atomic
def account_manager_update(*, manager: AccountManager, actor, **fields) -> AccountManager:
    from compliance.rotation_rules import refuse_move_before_handover

    # R-PRO-10: no change of post and no leaving before the customers are handed over.
    unit = fields.get("unit")
    refuse_move_before_handover(
        manager,
        unit_id=unit.pk if unit is not None else manager.unit_id,
        status=fields.get("status", manager.status),
    )
    for name, value in fields.items():
        setattr(manager, name, value)
    return save_validated(manager, actor)
