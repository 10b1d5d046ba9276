"""Who may write through the API. Reading is scoped by `restrict()`, not here."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from managers.choices import Role


class WriteRoles(BasePermission):
    """Safe methods for any authenticated user; writes only for the view's `write_roles`."""

    message = _("Your role may read this resource but not change it.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in SAFE_METHODS:
            return True
        return user.sees_whole_bank or user.role in getattr(view, "write_roles", ())


HR_WRITERS = frozenset({Role.HR, Role.INTEGRATION})
