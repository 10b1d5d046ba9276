"""R-ORG-1: the one place that decides which rows a user may see.

Every page, API list and export reaches data through `Model.objects.restrict(user)`.
A model that belongs to an org unit names the lookup to that unit's materialised path
(`scope_unit_path`), and, when an account manager owns rows of it, the lookup to the
owning user (`scope_owner`). The rules:

- administrators see the whole bank;
- unit heads, credit officers, HR, compliance and integration users see their unit's
  subtree (one indexed prefix query on the org-unit path);
- an account manager sees their own rows (`scope_owner`: a lookup to the owning user, or a
  function of the user giving a Q), or, for models with no owner, their unit's;
- anyone else sees nothing.
"""

from django.db import models
from django.db.models import Q

from .choices import Role

NOTHING = Q(pk__in=[])


def scope_filter(model: type[models.Model], user) -> Q:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    if user.sees_whole_bank:
        return Q()
    unit = user.org_unit
    if unit is None:
        return NOTHING
    unit_path: str = model.scope_unit_path
    if user.role == Role.ACCOUNT_MANAGER:
        owner = getattr(model, "scope_owner", None)
        if callable(owner):
            return owner(user)
        if owner:
            return Q(**{owner: user.pk})
        return Q(**{unit_path: unit.path})
    return Q(**{f"{unit_path}__startswith": unit.path})


class ScopedQuerySet(models.QuerySet):
    def restrict(self, user) -> models.QuerySet:
        """The rows of this queryset that `user` may see."""
        return self.filter(scope_filter(self.model, user))
