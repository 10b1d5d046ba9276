"""The grade roster (花名册): which columns HR sees, shared by the page, the API and the
Excel/CSV exports, so the three never disagree. Two columns come from the manager's latest
finished evaluation (R-ELG-5): the eligible grade and the suggested action. During a
confirmed admonishment the allowances are shown at the reduced rate (R-DIS-1: 50%), with
the admonishment's last day in a column of its own."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from compliance.discipline import ADMONISHED_ALLOWANCE_RATE, DisciplinaryAction
from performance.models import EvaluationResult, EvaluationStatus, SuggestedAction

from . import grade_rules
from .choices import Education, ManagerLine, ManagerStatus
from .models import AccountManager, GradeLevel


@dataclass(frozen=True)
class RosterContext:
    """What every row needs, computed once per roster: today's date, the translated
    labels of the choice fields (Django's get_FOO_display() is slow for 20,000 rows) and
    the names of the active scheme's grades by code (one query)."""

    today: date
    labels: dict[str, dict[str, str]]
    grade_names: dict[str, str]

    @classmethod
    def build(cls, today: date) -> "RosterContext":
        choice_fields = {
            "line": ManagerLine,
            "status": ManagerStatus,
            "education": Education,
            "latest_action": SuggestedAction,
        }
        labels = {
            field: {value: str(label) for value, label in choices.choices}
            for field, choices in choice_fields.items()
        }
        return cls(today=today, labels=labels, grade_names=active_grade_names())


def active_grade_names() -> dict[str, str]:
    """The active scheme's grade names by code."""
    return dict(GradeLevel.objects.filter(scheme__is_active=True).values_list("code", "name"))


def latest_done_results(manager) -> QuerySet[EvaluationResult]:
    """The results of `manager` (an instance, an id or an `OuterRef`) in finished
    evaluations, the latest period first; of two evaluations of one period (different
    scopes), the one finished last."""
    return EvaluationResult.objects.filter(
        manager=manager, evaluation__status=EvaluationStatus.DONE
    ).order_by("-evaluation__year", "-evaluation__quarter", "-evaluation__finished_at")


@dataclass(frozen=True)
class Column:
    header: str | Promise
    value: Callable[[AccountManager, RosterContext], Any]
    kind: str = "text"  # text | int | date | yuan
    width: int = 12
    sort: str | None = None  # the FilterSet's ordering name, when the column sorts
    links_to_manager: bool = False


def _level(manager: AccountManager):
    appointment = manager.current_appointment
    return appointment.level if appointment else None


def _choice_label(field: str) -> Callable[[AccountManager, RosterContext], str]:
    def value(manager: AccountManager, context: RosterContext) -> str:
        code = getattr(manager, field)
        return context.labels[field].get(code, code)

    return value


def _level_attr(name: str) -> Callable[[AccountManager, RosterContext], Any]:
    def value(manager: AccountManager, context: RosterContext):
        level = _level(manager)
        return getattr(level, name) if level else None

    return value


def _appointment_attr(name: str) -> Callable[[AccountManager, RosterContext], Any]:
    def value(manager: AccountManager, context: RosterContext):
        appointment = manager.current_appointment
        return getattr(appointment, name) if appointment else None

    return value


def _allowance(name: str) -> Callable[[AccountManager, RosterContext], Any]:
    """The grade's allowance, at the reduced rate during an admonishment (R-DIS-1)."""

    def value(manager: AccountManager, context: RosterContext):
        level = _level(manager)
        if level is None:
            return None
        amount = getattr(level, name)
        if getattr(manager, "admonished_until", None) is not None:
            amount = (amount * ADMONISHED_ALLOWANCE_RATE).quantize(amount)
        return amount

    return value


def latest_eligible_grade(manager: AccountManager, context: RosterContext) -> str | None:
    """None before any evaluation; "no grade" when the latest one found none (R-ELG-5)."""
    code = manager.latest_eligible_grade_code
    if code is None:
        return None
    return context.grade_names.get(code, code) if code else str(_("No grade"))


def years_in_marketing(manager: AccountManager, context: RosterContext) -> int | None:
    if manager.marketing_since is None:
        return None
    return grade_rules.full_years(manager.marketing_since, context.today)


ROSTER_COLUMNS: tuple[Column, ...] = (
    Column(_("Employee number"), lambda m, c: m.employee_number, width=11, sort="employee_number"),
    Column(_("Name"), lambda m, c: m.name, width=10, sort="name", links_to_manager=True),
    Column(_("Org unit"), lambda m, c: m.unit.name, width=22, sort="unit"),
    Column(_("Line"), _choice_label("line"), width=12),
    Column(_("Status"), _choice_label("status"), width=8),
    Column(_("Grade"), _level_attr("name"), width=14, sort="grade"),
    Column(_("Staff grade"), _level_attr("staff_grade"), kind="int", width=9),
    Column(
        _("Communication allowance (yuan/month)"),
        _allowance("communication_allowance"),
        kind="yuan",
        width=14,
    ),
    Column(
        _("Transport allowance (yuan/month)"),
        _allowance("transport_allowance"),
        kind="yuan",
        width=14,
    ),
    Column(
        _("Allowances in total (yuan/month)"),
        _allowance("monthly_allowances"),
        kind="yuan",
        width=14,
    ),
    Column(
        _("Admonished until (allowances at 50%)"),
        lambda m, c: getattr(m, "admonished_until", None),
        kind="date",
        width=14,
    ),
    Column(_("Appointed from"), _appointment_attr("start_date"), kind="date", width=12),
    Column(_("Term ends"), _appointment_attr("end_date"), kind="date", width=12, sort="term_end"),
    Column(_("Hire date"), lambda m, c: m.hire_date, kind="date", width=12, sort="hire_date"),
    Column(
        _("Years in marketing"), years_in_marketing, kind="int", width=10, sort="marketing_since"
    ),
    Column(_("Education"), _choice_label("education"), width=10),
    Column(_("Latest eligible grade"), latest_eligible_grade, width=14),
    Column(_("Suggested action"), _choice_label("latest_action"), width=12),
)


def roster_queryset(managers: QuerySet[AccountManager]) -> QuerySet[AccountManager]:
    """Everything the columns read, in the same query as the managers (the latest
    evaluation's verdict and the admonishment in force today as correlated subqueries,
    never a query per row)."""
    latest = latest_done_results(OuterRef("pk"))
    admonished = DisciplinaryAction.objects.in_force(timezone.localdate()).filter(
        manager=OuterRef("pk")
    )
    return managers.select_related("unit", "current_appointment__level").annotate(
        latest_eligible_grade_code=Subquery(latest.values("eligible_grade_code")[:1]),
        latest_action=Subquery(latest.values("action")[:1]),
        admonished_until=Subquery(admonished.order_by("-end_date").values("end_date")[:1]),
    )


def roster_values(manager: AccountManager, context: RosterContext) -> list[Any]:
    return [column.value(manager, context) for column in ROSTER_COLUMNS]
