"""What a dashboard shows: the chosen unit (validated against the user's scope) and the
chosen period (a quarter with a finished evaluation). Both come from the query string;
a unit outside the scope answers 404 (R-ORG-1)."""

import re
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from managers.models import OrgUnit

from .models import Evaluation, EvaluationStatus

PERIOD_PATTERN = re.compile(r"^(\d{4})Q([1-4])$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter}"

    @property
    def previous(self) -> "Period":
        if self.quarter == 1:
            return Period(self.year - 1, 4)
        return Period(self.year, self.quarter - 1)

    @property
    def months(self) -> tuple[int, int, int]:
        first = 3 * self.quarter - 2
        return (first, first + 1, first + 2)

    @property
    def last_month(self) -> int:
        return 3 * self.quarter


def dashboard_unit(user, unit_id: str | None) -> OrgUnit:
    """The unit asked for, within `OrgUnit.objects.restrict(user)` (else 404); by
    default the user's own unit (or, for whole-bank users without one, the root)."""
    units = OrgUnit.objects.restrict(user)
    if unit_id:
        if not str(unit_id).isdigit():
            raise Http404
        return get_object_or_404(units, pk=unit_id)
    if user.org_unit_id is not None:
        return get_object_or_404(units, pk=user.org_unit_id)
    root = units.filter(depth=1).first()
    if root is None:
        raise Http404
    return root


def breadcrumb(user, unit: OrgUnit) -> list[OrgUnit]:
    """The units above `unit` that the user may open, the top first (one query)."""
    step = OrgUnit.steplen
    paths = [unit.path[:end] for end in range(step, len(unit.path), step)]
    return list(OrgUnit.objects.restrict(user).filter(path__in=paths).order_by("path"))


def available_periods(user) -> list[Period]:
    """The quarters of the finished evaluations the user may see, latest first."""
    rows = (
        Evaluation.objects.restrict(user)
        .filter(status=EvaluationStatus.DONE)
        .values_list("year", "quarter")
        .distinct()
        .order_by("-year", "-quarter")
    )
    return [Period(year, quarter) for year, quarter in rows]


def chosen_period(text: str | None, periods: list[Period]) -> Period | None:
    """The period of the query string (`2026Q3`), else the latest one evaluated; None when
    nothing was evaluated yet. A malformed period answers 404."""
    if not text:
        return periods[0] if periods else None
    match = PERIOD_PATTERN.match(text)
    if match is None:
        raise Http404
    return Period(int(match[1]), int(match[2]))
