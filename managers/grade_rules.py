"""Grade rules as pure functions: plain values in, results out, no database (R-GRD-3…6).

Two kinds of findings: `kind_errors` are contradictions (a "promotion" to a lower grade)
that no one can approve; `prerequisite_issues` are unmet conditions (tenure, trainee
period, education) that an approver may override as an exception (破格) with a written
justification.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from .choices import (
    ApprovalAuthority,
    Education,
    EntryRoute,
    GradeChangeKind,
    ManagerStatus,
    ProfessionalTitle,
)

UPWARD = {GradeChangeKind.PROMOTE, GradeChangeKind.EXCEPTIONAL_PROMOTION}


@dataclass(frozen=True)
class Level:
    name: str
    rank: int
    min_marketing_years: int = 0
    is_trainee: bool = False
    authority: str = ApprovalAuthority.SUB_BRANCH


@dataclass(frozen=True)
class Person:
    status: str
    entry_route: str
    hire_date: date
    marketing_since: date | None
    education: str
    professional_title: str = ProfessionalTitle.NONE


@dataclass(frozen=True)
class TraineeTerms:
    graduate_months: int = 12
    transfer_months: int = 6


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_end(start: date, months: int) -> date:
    """Last day of a term of `months` starting on `start` (R-GRD-3: one year)."""
    return add_months(start, months) - timedelta(days=1)


def full_years(start: date, on: date) -> int:
    years = on.year - start.year
    if (on.month, on.day) < (start.month, start.day):
        years -= 1
    return max(years, 0)


def trainee_period_end(person: Person, terms: TraineeTerms) -> date:
    """R-GRD-5: one year for new graduates, at least six months for staff transferred in,
    counted from the day the person started in marketing."""
    start = person.marketing_since or person.hire_date
    months = (
        terms.graduate_months
        if person.entry_route == EntryRoute.GRADUATE
        else (terms.transfer_months)
    )
    return add_months(start, months)


def kind_errors(kind: str, current: Level | None, target: Level | None) -> list[str]:
    """Contradictions between the kind of change and the grades (R-GRD-3)."""
    if kind == GradeChangeKind.EXIT:
        return [] if current else [_("Only an account manager who holds a grade can exit.")]
    if target is None:
        return [_("Choose the grade.")]
    if kind == GradeChangeKind.APPOINT:
        if current and not current.is_trainee:
            return [_("Already holds a grade: propose a promotion, renewal or demotion.")]
        return []
    if current is None:
        return [_("Holds no grade yet: propose an appointment.")]
    if kind in UPWARD and target.rank <= current.rank:
        return [
            _("A promotion must be to a higher grade than %(grade)s.") % {"grade": current.name}
        ]
    if kind == GradeChangeKind.RENEW and target.rank != current.rank:
        return [_("A renewal keeps the current grade %(grade)s.") % {"grade": current.name}]
    if kind == GradeChangeKind.DEMOTE and target.rank >= current.rank:
        return [_("A demotion must be to a lower grade than %(grade)s.") % {"grade": current.name}]
    return []


def prerequisite_issues(
    person: Person, target: Level | None, on: date, terms: TraineeTerms
) -> list[str]:
    """Unmet conditions for holding `target` from day `on` (R-GRD-5, R-GRD-6)."""
    if target is None or target.is_trainee:
        return []
    issues = []
    if person.status == ManagerStatus.TRAINEE:
        ends = trainee_period_end(person, terms)
        if on < ends:
            issues.append(
                _("The trainee period runs until %(date)s (R-GRD-5).") % {"date": ends.isoformat()}
            )
    years = full_years(person.marketing_since, on) if person.marketing_since else 0
    if years < target.min_marketing_years:
        issues.append(
            _("%(grade)s needs %(needed)d years in marketing; has %(years)d (R-GRD-6).")
            % {"grade": target.name, "needed": target.min_marketing_years, "years": years}
        )
    if person.education == Education.SECONDARY and person.professional_title == (
        ProfessionalTitle.NONE
    ):
        issues.append(_("Needs college education or a junior professional title (R-GRD-6)."))
    return issues


def approval_authority(current: Level | None, target: Level | None) -> str:
    """R-GRD-4: the more senior of the grade left and the grade taken decides who approves,
    so demoting or exiting a senior AM needs the same authority as appointing one."""
    levels = [level for level in (current, target) if level]
    if not levels:
        return ApprovalAuthority.SUB_BRANCH
    return max(levels, key=lambda level: level.rank).authority
