"""Page access by role (R-ORG-2). What a permitted user then sees is scoped separately."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .choices import Role

GRADE_ROLES = frozenset({Role.HR, Role.UNIT_HEAD, Role.ADMIN})
ROSTER_ROLES = GRADE_ROLES | {Role.COMPLIANCE}


def role_required(roles):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not (request.user.sees_whole_bank or request.user.role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
