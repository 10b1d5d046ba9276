"""Read-side queries shared by pages, the API and exports. All of them are scoped."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Length, Substr

from performance.models import EvaluationResult, SuggestedAction

from .choices import GradeChangeStatus, ManagerStatus
from .grade_rules import trainee_period_end
from .grade_services import person_facts, trainee_terms
from .models import (
    AccountManager,
    GradeAppointment,
    GradeChange,
    GradeLevel,
    GradeScheme,
    OrgUnit,
)
from .roster import latest_done_results, roster_queryset


def account_managers_for(user) -> QuerySet[AccountManager]:
    """Visible account managers with their unit and current grade (one query)."""
    return roster_queryset(AccountManager.objects.restrict(user))


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


def grade_changes_for(user) -> QuerySet[GradeChange]:
    return GradeChange.objects.restrict(user).select_related(
        "manager__unit", "from_level", "to_level", "proposed_by", "decided_by"
    )


def appointments_of(manager: AccountManager) -> QuerySet[GradeAppointment]:
    return manager.appointments.select_related("level", "change__proposed_by", "change__decided_by")


@dataclass(frozen=True)
class TraineeEnding:
    manager: AccountManager
    ends_on: date


def trainees_ending(user, *, today: date, within_days: int = 30) -> list[TraineeEnding]:
    """R-GRD-5: trainees whose period ends within `within_days` (or has already ended
    without a grade). Trainees are few, so one query and a pure rule per row."""
    scheme = GradeScheme.objects.filter(is_active=True).first()
    if scheme is None:  # none in force yet (administrators set one): no period to compute
        return []
    terms = trainee_terms(scheme)
    horizon = today + timedelta(days=within_days)
    trainees = account_managers_for(user).filter(status=ManagerStatus.TRAINEE)
    rows = [
        TraineeEnding(manager, trainee_period_end(person_facts(manager), terms))
        for manager in trainees
    ]
    return sorted((row for row in rows if row.ends_on <= horizon), key=lambda row: row.ends_on)


def with_grade_names(results: QuerySet[EvaluationResult]) -> QuerySet[EvaluationResult]:
    """Evaluation results with `current_grade_name` and `eligible_grade_name` (the active
    scheme's names of their codes; None for no grade), in the same query."""

    def name_of(field: str) -> Subquery:
        level = GradeLevel.objects.filter(scheme__is_active=True, code=OuterRef(field))
        return Subquery(level.values("name")[:1])

    return results.annotate(
        current_grade_name=name_of("current_grade_code"),
        eligible_grade_name=name_of("eligible_grade_code"),
    )


def promotion_candidates_for(user) -> QuerySet[EvaluationResult]:
    """R-ELG-5: the visible account managers whose latest finished evaluation suggests a
    promotion, with whether a proposal for them already waits for a decision."""
    latest = latest_done_results(OuterRef("manager_id")).values("pk")[:1]
    pending = GradeChange.objects.filter(
        manager=OuterRef("manager_id"), status=GradeChangeStatus.PROPOSED
    )
    candidates = (
        EvaluationResult.objects.restrict(user)
        .filter(action=SuggestedAction.PROMOTION_CANDIDATE, pk=Subquery(latest))
        .select_related("manager", "unit", "evaluation")
        .annotate(proposal_pending=Exists(pending))
        .order_by("unit__path", "manager__employee_number")
    )
    return with_grade_names(candidates)
