"""Read-side queries shared by pages, the API and exports. All of them are scoped."""

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Length, Substr

from .models import AccountManager, OrgUnit


def account_managers_for(user) -> QuerySet[AccountManager]:
    return AccountManager.objects.restrict(user).select_related("unit")


def org_units_for(user) -> QuerySet[OrgUnit]:
    """Visible units with their parent's id (from the path, in the same query)."""
    parent = OrgUnit.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - OrgUnit.steplen)
    ).values("pk")[:1]
    return OrgUnit.objects.restrict(user).annotate(parent_id=Subquery(parent))


def org_units_with_manager_counts(user) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.restrict(user).annotate(manager_count=Count("account_managers"))


def manager_status_counts(user) -> dict[str, int]:
    """Account managers in the user's scope by status: one grouped query."""
    rows = AccountManager.objects.restrict(user).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}
