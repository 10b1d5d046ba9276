"""Set-based reads of the branch head's dashboard (R-RPT-3, R-ELG-5, R-JNL-2): every
function takes the user, the unit (already validated by `dashboard_period.dashboard_unit`)
and the period, and costs a fixed number of queries whatever the size of the subtree.

Credited deposits and loans, grades and suggested actions come from the evaluation
results; monthly trends and non-performing loans from the customers' monthly figures.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Substr

from managers.choices import OrgUnitKind
from managers.models import GradeLevel, OrgUnit

from .dashboard_period import Period
from .models import (
    Evaluation,
    EvaluationResult,
    EvaluationStatus,
    MonthlyFigure,
    MonthlyTarget,
    SuggestedAction,
)
from .models.figures import NON_PERFORMING_FROM

ZERO = Decimal(0)
NEW_NPL_LIST_SIZE = 20


def period_results(user, unit: OrgUnit, periods: list[Period]) -> QuerySet[EvaluationResult]:
    """The visible results in `unit`'s subtree for `periods`: per account manager and
    period the result of the evaluation finished last (two scopes may cover one period)."""
    latest = (
        EvaluationResult.objects.filter(
            manager=OuterRef("manager_id"),
            evaluation__status=EvaluationStatus.DONE,
            evaluation__year=OuterRef("evaluation__year"),
            evaluation__quarter=OuterRef("evaluation__quarter"),
        )
        .order_by("-evaluation__finished_at", "-pk")
        .values("pk")[:1]
    )
    wanted = Q(pk__in=[])
    for period in periods:
        wanted |= Q(evaluation__year=period.year, evaluation__quarter=period.quarter)
    return (
        EvaluationResult.objects.restrict(user)
        .filter(wanted, unit__path__startswith=unit.path, evaluation__status=EvaluationStatus.DONE)
        .filter(pk=Subquery(latest))
    )


@dataclass
class PeriodFigures:
    """Credited daily averages (yuan) of one period, and the suggested actions."""

    managers: int = 0
    deposits: Decimal = ZERO
    loans: Decimal = ZERO
    actions: dict[str, int] = field(default_factory=dict)


def figures_by_period(user, unit: OrgUnit, period: Period) -> dict[Period, PeriodFigures]:
    """The period's and the previous period's totals (one query)."""
    counts = {
        action.value: Count("pk", filter=Q(action=action.value)) for action in SuggestedAction
    }
    rows = (
        period_results(user, unit, [period, period.previous])
        .values("evaluation__year", "evaluation__quarter")
        .annotate(managers=Count("pk"), deposits=Sum("deposits"), loans=Sum("loans"), **counts)
        .order_by()
    )
    totals = {period: PeriodFigures(), period.previous: PeriodFigures()}
    for row in rows:
        totals[Period(row["evaluation__year"], row["evaluation__quarter"])] = PeriodFigures(
            managers=row["managers"],
            deposits=row["deposits"] or ZERO,
            loans=row["loans"] or ZERO,
            actions={action.value: row[action.value] for action in SuggestedAction},
        )
    return totals


@dataclass
class Plan:
    deposits: Decimal | None
    loans: Decimal | None


def plan_of(user, unit: OrgUnit, period: Period) -> Plan:
    """R-JNL-2: the subtree's plan for the quarter, the mean over its months of the summed
    monthly targets of the account managers (one query)."""
    rows = list(
        MonthlyTarget.objects.restrict(user)
        .filter(
            manager__unit__path__startswith=unit.path,
            year=period.year,
            month__in=period.months,
        )
        .values("month")
        .annotate(deposits=Sum("deposit_avg"), loans=Sum("loan_avg"))
        .order_by()
    )
    if not rows:
        return Plan(None, None)
    loans = [row["loans"] for row in rows if row["loans"] is not None]
    return Plan(
        deposits=sum(row["deposits"] for row in rows) / len(rows),
        loans=sum(loans) / len(loans) if loans else None,
    )


@dataclass
class GradeRow:
    level_id: int | None
    code: str
    name: str
    current: int
    eligible: int


def grade_distribution(user, unit: OrgUnit, period: Period) -> list[GradeRow]:
    """Account managers per current and per eligible grade in the period (two queries:
    the results grouped, the active scheme's levels), the senior grades first."""
    rows = (
        period_results(user, unit, [period])
        .values("current_grade_code", "eligible_grade_code")
        .annotate(count=Count("pk"))
        .order_by()
    )
    current: dict[str, int] = {}
    eligible: dict[str, int] = {}
    for row in rows:
        current[row["current_grade_code"]] = (
            current.get(row["current_grade_code"], 0) + row["count"]
        )
        code = row["eligible_grade_code"]
        eligible[code] = eligible.get(code, 0) + row["count"]
    levels = GradeLevel.objects.filter(scheme__is_active=True).order_by("-rank")
    table = [
        GradeRow(
            level.pk,
            level.code,
            level.name,
            current.get(level.code, 0),
            eligible.get(level.code, 0),
        )
        for level in levels
    ]
    if current.get("") or eligible.get(""):
        table.append(GradeRow(None, "", "", current.get("", 0), eligible.get("", 0)))
    return table


@dataclass
class UnitFigures:
    unit: OrgUnit
    managers: int
    deposits: Decimal
    loans: Decimal


def unit_comparison(user, unit: OrgUnit, period: Period) -> list[UnitFigures]:
    """Per child unit of `unit` (with everything below it) the credited totals of the
    period: one query grouping the results by the child's path prefix, one for the children.
    Results of managers placed directly in `unit` count under `unit` itself."""
    prefix = len(unit.path) + OrgUnit.steplen
    rows = (
        period_results(user, unit, [period])
        .annotate(branch_path=Substr("unit__path", 1, prefix))
        .values("branch_path")
        .annotate(managers=Count("pk"), deposits=Sum("deposits"), loans=Sum("loans"))
        .order_by()
    )
    totals = {row["branch_path"]: row for row in rows}
    units = [
        unit,
        *OrgUnit.objects.restrict(user).filter(path__startswith=unit.path, depth=unit.depth + 1),
    ]
    table = []
    for each in units:
        row = totals.get(each.path, {})
        table.append(
            UnitFigures(
                each, row.get("managers", 0), row.get("deposits") or ZERO, row.get("loans") or ZERO
            )
        )
    # The unit itself only when managers sit directly in it; departments only when some do.
    own, *children = table
    children = [row for row in children if row.managers or row.unit.kind != OrgUnitKind.DEPARTMENT]
    return [own, *children] if own.managers else children


def evaluation_for_links(user, unit: OrgUnit, period: Period) -> Evaluation | None:
    """The finished evaluation of the period whose scope covers `unit`, the one finished
    last: the list the dashboard's evaluation numbers link to."""
    return (
        Evaluation.objects.restrict(user)
        .filter(
            Evaluation.covering(unit.path),
            status=EvaluationStatus.DONE,
            year=period.year,
            quarter=period.quarter,
        )
        .order_by("-finished_at")
        .first()
    )


@dataclass
class MonthFigures:
    month: int
    deposits: Decimal
    loans: Decimal
    non_performing: Decimal

    @property
    def npl_ratio(self) -> Decimal | None:
        """R-RPT-3: non-performing share of the loans (daily averages), 4 decimals."""
        if not self.loans:
            return None
        return (self.non_performing / self.loans).quantize(Decimal("0.0001"))


def unit_figures(unit: OrgUnit) -> QuerySet[MonthlyFigure]:
    """The monthly figures of the customers of `unit`'s subtree (the unit is in scope)."""
    return MonthlyFigure.objects.filter(customer__unit__path__startswith=unit.path)


def monthly_trend(unit: OrgUnit, period: Period) -> list[MonthFigures]:
    """The year's months up to the period's end: customers' daily-average deposits and
    loans and the loans in a non-performing class (后三类), one query (R-RPT-3)."""
    non_performing = Q(loan_class__gte=NON_PERFORMING_FROM)
    rows = (
        unit_figures(unit)
        .filter(year=period.year, month__lte=period.last_month)
        .values("month")
        .annotate(
            deposits=Sum("deposit_avg"),
            loans=Sum("loan_avg"),
            npl=Sum("loan_avg", filter=non_performing),
        )
        .order_by("month")
    )
    return [
        MonthFigures(row["month"], row["deposits"], row["loans"], row["npl"] or ZERO)
        for row in rows
    ]


@dataclass
class NewNpls:
    year: int
    month: int
    count: int
    figures: list[MonthlyFigure]


def new_npls(unit: OrgUnit, year: int, month: int) -> NewNpls:
    """R-RPT-3: customers whose loans are in a non-performing class in the month and were
    not the month before (two queries: the count, the first rows with their customers)."""
    before = (year, month - 1) if month > 1 else (year - 1, 12)
    was_npl = MonthlyFigure.objects.filter(
        customer=OuterRef("customer_id"),
        year=before[0],
        month=before[1],
        loan_class__gte=NON_PERFORMING_FROM,
    )
    rows = (
        unit_figures(unit)
        .filter(year=year, month=month, loan_class__gte=NON_PERFORMING_FROM)
        .filter(~Exists(was_npl))
    )
    listed = rows.select_related("customer__unit").order_by("-loan_avg", "customer__number")
    return NewNpls(year, month, rows.count(), list(listed[:NEW_NPL_LIST_SIZE]))
