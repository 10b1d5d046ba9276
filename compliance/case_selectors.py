"""Scoped reads of the prohibitions catalogue, acknowledgements, violation cases and
disciplinary actions, shared by pages, the API and tasks (R-PRO, R-DIS)."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from managers.choices import ManagerStatus, Role
from managers.models import AccountManager

from .discipline import DisciplinaryAction
from .prohibitions import ProhibitionAcknowledgement, current_fingerprint
from .violations import Evidence, ViolationCase, ViolationStep

# Who must acknowledge the catalogue every year: account managers still in the sequence.
ACKNOWLEDGING_STATUSES = (ManagerStatus.ACTIVE, ManagerStatus.TRAINEE, ManagerStatus.STOOD_DOWN)


def reportable_managers(user) -> QuerySet[AccountManager]:
    """Whom `user` may report on: an account manager, the colleagues of their own unit
    (themselves included); anyone else, the account managers of their scope."""
    if not (user.is_authenticated and user.is_active):
        return AccountManager.objects.none()
    if user.role == Role.ACCOUNT_MANAGER and not user.sees_whole_bank:
        if user.org_unit_id is None:
            return AccountManager.objects.none()
        return AccountManager.objects.filter(unit=user.org_unit_id)
    return AccountManager.objects.restrict(user)


def cases_for(user) -> QuerySet[ViolationCase]:
    """Visible cases with what a list shows: one query, plus one per many-to-many."""
    return (
        ViolationCase.objects.restrict(user)
        .select_related("manager", "unit", "reporter")
        .prefetch_related("rules", "customers")
    )


def case_detail_for(user) -> QuerySet[ViolationCase]:
    """As `cases_for`, with the steps (and who made them) and the evidence files."""
    return cases_for(user).prefetch_related(
        Prefetch("steps", queryset=ViolationStep.objects.select_related("actor")),
        Prefetch("evidence", queryset=Evidence.objects.select_related("uploaded_by")),
        Prefetch(
            "actions", queryset=DisciplinaryAction.objects.restrict(user).select_related("manager")
        ),
    )


def actions_for(user) -> QuerySet[DisciplinaryAction]:
    return DisciplinaryAction.objects.restrict(user).select_related(
        "manager__unit",
        "case",
        "evaluation",
        "customer",
        "grade_change",
        "proposed_by",
        "decided_by",
    )


def acknowledgement_status_for(user, year: int) -> QuerySet[AccountManager]:
    """R-PRO: the account managers of the user's scope who should acknowledge the
    catalogue, each with `acknowledged` (any acknowledgement this year) and `current`
    (of the catalogue in force), without a query per manager."""
    this_year = ProhibitionAcknowledgement.objects.filter(manager=OuterRef("pk"), year=year)
    return (
        AccountManager.objects.restrict(user)
        .filter(status__in=ACKNOWLEDGING_STATUSES)
        .select_related("unit", "user")
        .annotate(
            acknowledged=Exists(this_year),
            current=Exists(this_year.filter(fingerprint=current_fingerprint())),
        )
        .order_by("unit__path", "employee_number")
    )
