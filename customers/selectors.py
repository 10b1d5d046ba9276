"""Scoped reads of customers and their assignment, shared by pages, API and exports."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from .models import Assignment, Customer, Transfer
from .share_rules import SHARED_BASES


def current_holders() -> Prefetch:
    """The assignments in force, with their managers: one extra query per page."""
    return Prefetch(
        "assignments",
        queryset=Assignment.objects.filter(end_date__isnull=True).select_related("manager"),
        to_attr="current_assignments",
    )


def customers_for(user) -> QuerySet[Customer]:
    return (
        Customer.objects.restrict(user).select_related("unit").prefetch_related(current_holders())
    )


def unassigned_customers_for(user) -> QuerySet[Customer]:
    """R-CUS-2: customers of the user's subtree that no account manager holds."""
    held = Assignment.objects.filter(
        customer=OuterRef("pk"), end_date__isnull=True, basis__in=SHARED_BASES
    )
    return Customer.objects.restrict(user).select_related("unit").filter(~Exists(held))


def assignments_for(user) -> QuerySet[Assignment]:
    return Assignment.objects.restrict(user).select_related(
        "customer", "manager__unit", "created_by"
    )


def transfers_for(user) -> QuerySet[Transfer]:
    return Transfer.objects.restrict(user).select_related(
        "customer", "from_manager", "to_manager", "created_by"
    )
