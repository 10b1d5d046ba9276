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
    for name, value in fields.items():
        setattr(manager, name, value)
    return save_validated(manager, actor)
