""" "What needs my attention today" on the branch head's dashboard: counts over the
existing selectors of meetings, journals, compliance and customers, each restricted to
the chosen unit's subtree. A fixed number of queries whatever the size."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q

from compliance.case_selectors import actions_for, cases_for
from compliance.choices_cases import ActionStatus, CaseStatus
from compliance.fine_choices import FineStatus
from compliance.fine_views import proposals_for
from compliance.rest_filtersets import RotationFilterSet
from compliance.rotation import RotationPolicy
from compliance.rotation_selectors import notice_horizon, rotation_list
from customers.choices import CustomerKind
from customers.models import Customer
from customers.selectors import unassigned_customers_for
from customers.visit_selectors import customers_due_for_visit
from managers.journal_compliance import UnitRecord, journal_totals
from managers.models import OrgUnit
from meetings.choices import TodayStatus
from meetings.reports import today_board


@dataclass
class MeetingsToday:
    working_day: bool
    counts: dict[str, int]


def meetings_today(user, unit: OrgUnit) -> MeetingsToday:
    """R-MTG-1: today's morning-meeting status of the subtree's meeting units."""
    board = today_board(user)
    rows = [row for row in board.rows if row.unit.path.startswith(unit.path)]
    counts = {status.value: 0 for status in TodayStatus}
    for row in rows:
        counts[row.status] += 1
    return MeetingsToday(board.working_day, counts)


def week_start(today: date) -> date:
    return today - timedelta(days=today.weekday())


def journals_this_week(user, unit: OrgUnit, today: date) -> UnitRecord:
    """R-JNL-1: this week's on-time, late and missing journals of the subtree."""
    return journal_totals(user, start=week_start(today), end=today, unit=unit)


@dataclass
class ComplianceCounts:
    cases_reported: int
    cases_investigating: int
    actions_proposed: int
    fines_proposed: int


def compliance_counts(user, unit: OrgUnit) -> ComplianceCounts:
    """Open violation cases (R-PRO), disciplinary actions (R-DIS-1…3) and fines (R-DIS-4)
    awaiting a decision, in the subtree (three queries)."""
    cases = (
        cases_for(user)
        .filter(unit__path__startswith=unit.path)
        .aggregate(
            reported=Count("pk", filter=Q(status=CaseStatus.REPORTED)),
            investigating=Count("pk", filter=Q(status=CaseStatus.INVESTIGATING)),
        )
    )
    actions = (
        actions_for(user)
        .filter(manager__unit__path__startswith=unit.path, status=ActionStatus.PROPOSED)
        .count()
    )
    fines = (
        proposals_for(user)
        .filter(unit__path__startswith=unit.path, status=FineStatus.PROPOSED)
        .count()
    )
    return ComplianceCounts(cases["reported"], cases["investigating"], actions, fines)


@dataclass
class CustomerCounts:
    unassigned: int
    visits_overdue: int


def customer_counts(user, unit: OrgUnit, today: date) -> CustomerCounts:
    """R-CUS-2 customers nobody holds; R-VIS-1 customers due a visit (two queries)."""
    unassigned = unassigned_customers_for(user).filter(unit__path__startswith=unit.path)
    overdue = customers_due_for_visit(user, today=today).filter(unit__path__startswith=unit.path)
    return CustomerCounts(unassigned.count(), overdue.count())


@dataclass
class NewAccounts:
    corporate_week: int
    corporate_month: int
    basic_month: int


def new_accounts(user, unit: OrgUnit, today: date) -> NewAccounts:
    """R-CUS-6 / R-RPT-4: corporate accounts opened this week and this month, and basic
    accounts (基本户) opened this month, in the subtree (one query)."""
    monday = week_start(today)
    first = today.replace(day=1)
    corporate = Q(kind=CustomerKind.CORPORATE)
    counts = (
        Customer.objects.restrict(user)
        .filter(unit__path__startswith=unit.path, opened_on__gte=min(monday, first))
        .aggregate(
            week=Count("pk", filter=corporate & Q(opened_on__gte=monday)),
            month=Count("pk", filter=corporate & Q(opened_on__gte=first)),
            basic=Count("pk", filter=Q(has_basic_account=True, opened_on__gte=first)),
        )
    )
    return NewAccounts(counts["week"], counts["month"], counts["basic"])


@dataclass
class RotationsDue:
    count: int
    due_before: date


def rotations_due(user, unit: OrgUnit, today: date) -> RotationsDue:
    """R-PRO-11: account managers of the subtree whose rotation falls due within the
    policy's notice period, through the rotation page's own filter (so both agree)."""
    due_before = notice_horizon(today, RotationPolicy.current())
    held = rotation_list(user=user, today=today).filter(unit__path__startswith=unit.path)
    due = RotationFilterSet({"due_before": due_before.isoformat()}, queryset=held).qs
    return RotationsDue(due.count(), due_before)
