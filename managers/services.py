"""Write operations on account managers: validate, save and record history together."""

from django.db import transaction

from .models import AccountManager


@transaction.atomic
def account_manager_create(*, actor, **fields) -> AccountManager:
    manager = AccountManager(**fields)
    manager._history_user = actor
    manager.full_clean()
    manager.save()
    return manager


@transaction.atomic
def account_manager_update(*, manager: AccountManager, actor, **fields) -> AccountManager:
    for name, value in fields.items():
        setattr(manager, name, value)
    manager._history_user = actor
    manager.full_clean()
    manager.save()
    return manager
