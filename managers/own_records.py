"""Records an account manager keeps for themself (visits, outings, work journals): who
the logged-in manager is, and why someone else may not write them."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .choices import Role
from .models import AccountManager


def manager_of(user) -> AccountManager | None:
    """The account manager row of a logged-in account manager, or None."""
    if not user.is_authenticated:
        return None
    return AccountManager.objects.filter(user=user.pk).select_related("unit").first()


def own_records_refusal(user, *, others_message: str) -> str | None:
    """Why `user` may not write their own records (`others_message` when they are not an
    account manager), or None when they may."""
    if user.role != Role.ACCOUNT_MANAGER:
        return others_message
    if manager_of(user) is None:
        return _("Your login is not linked to an account manager: ask HR to link it.")
    return None


def acting_manager(actor, *, others_message: str) -> AccountManager:
    refusal = own_records_refusal(actor, others_message=others_message)
    if refusal:
        raise PermissionDenied(refusal)
    return manager_of(actor)
