"""The branch head's dashboard and the account manager's day (R-RPT-1…4). Thin: the unit
and period are validated, the reads are the selectors', each number links to its list."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from compliance.case_access import CASE_READERS, DISCIPLINE_READERS
from compliance.fine_views import FINE_READERS
from compliance.rotation_views import ROTATION_READERS
from customers.access import CUSTOMER_PAGE_ROLES, VISIT_READERS
from managers.access import ROSTER_ROLES, role_required
from managers.journal_access import JOURNAL_SUPERVISORS
from managers.models import OrgUnit
from managers.templatetags.office import wan_yuan
from meetings.access import SUPERVISORS as MEETING_SUPERVISORS

from . import dashboard_attention as attention
from . import dashboard_charts as charts
from . import dashboard_selectors as selectors
from . import loan_selectors
from .access import EVALUATION_PAGE_ROLES
from .dashboard_cache import LIVE_TIMEOUT, cached, scope_of
from .dashboard_period import available_periods, breadcrumb, chosen_period, dashboard_unit
from .loan_views import LOAN_READERS
from .models import SuggestedAction
from .my_day import my_day as my_day_of
from .new_account_targets import new_account_targets

DASHBOARD_ROLES = EVALUATION_PAGE_ROLES


@dataclass
class Tile:
    key: str
    label: str
    value: object
    url: str | None = None
    alert: bool = False
    detail: str | None = None  # a second figure under the value, e.g. an amount


def with_query(url: str, **query) -> str:
    query = {key: value for key, value in query.items() if value not in (None, "")}
    return f"{url}?{urlencode(query)}" if query else url


def link(user, roles, name: str, args=(), **query) -> str | None:
    """The URL of a list behind a number, or None when the user's role may not open it."""
    if not (user.sees_whole_bank or user.role in roles):
        return None
    return with_query(reverse(name, args=args), **query)


def dashboard_url(unit: OrgUnit, period) -> str:
    """The dashboard of another unit for the same period (the drill-down)."""
    return with_query(reverse("dashboard"), unit=unit.pk, period=period)


def attention_tiles(user, unit: OrgUnit, today) -> tuple[list[Tile], object, datetime]:
    """What needs the head's attention today, most urgent first."""
    meetings = attention.meetings_today(user, unit)
    journals = attention.journals_this_week(user, unit, today)
    compliance = attention.compliance_counts(user, unit)
    customers, rotations, counted_at = cached(
        ("live", scope_of(user), unit.pk, today),
        lambda: (
            attention.customer_counts(user, unit, today),
            attention.rotations_due(user, unit, today),
            timezone.now(),
        ),
        timeout=LIVE_TIMEOUT,
    )
    due_month, loans_due = loan_selectors.due_next_month(user, unit, today)
    journal_query = {"start": attention.week_start(today), "end": today, "unit": unit.pk}
    tiles = [
        Tile(
            "meetings-not-held",
            _("Units without a morning meeting today"),
            meetings.counts["not_held"],
            link(user, MEETING_SUPERVISORS, "meeting-today"),
            alert=bool(meetings.counts["not_held"]),
        ),
        Tile(
            "meetings-held",
            _("Morning meetings held today"),
            meetings.counts["held"],
            link(user, MEETING_SUPERVISORS, "meeting-today"),
        ),
        Tile(
            "journals-missing",
            _("Journals missing this week"),
            journals.missing,
            link(user, JOURNAL_SUPERVISORS, "journal-missing", **journal_query),
            alert=bool(journals.missing),
        ),
        Tile(
            "journals-rate",
            _("Journals on time this week"),
            journals.rate,
            link(user, JOURNAL_SUPERVISORS, "journal-rates", **journal_query),
        ),
        Tile(
            "cases-reported",
            _("Violation cases reported"),
            compliance.cases_reported,
            link(user, CASE_READERS, "violation-list", unit=unit.pk, status="reported"),
            alert=bool(compliance.cases_reported),
        ),
        Tile(
            "cases-investigating",
            _("Violation cases under investigation"),
            compliance.cases_investigating,
            link(user, CASE_READERS, "violation-list", unit=unit.pk, status="investigating"),
        ),
        Tile(
            "actions-proposed",
            _("Disciplinary proposals awaiting a decision"),
            compliance.actions_proposed,
            link(user, DISCIPLINE_READERS, "discipline-list", unit=unit.pk, status="proposed"),
            alert=bool(compliance.actions_proposed),
        ),
        Tile(
            "fines-proposed",
            _("Fine proposals awaiting a decision"),
            compliance.fines_proposed,
            link(user, FINE_READERS, "fine-list", unit=unit.pk, status="proposed"),
            alert=bool(compliance.fines_proposed),
        ),
        Tile(
            "unassigned",
            _("Customers without an account manager"),
            customers.unassigned,
            link(user, CUSTOMER_PAGE_ROLES, "customer-list", unit=unit.pk, unassigned="true"),
            alert=bool(customers.unassigned),
        ),
        Tile(
            "visits-overdue",
            _("Customers due a visit"),
            customers.visits_overdue,
            link(user, VISIT_READERS, "visits-overdue", unit=unit.pk),
            alert=bool(customers.visits_overdue),
        ),
        Tile(
            "rotations-due",
            _("Rotations due"),
            rotations.count,
            link(
                user,
                ROTATION_READERS,
                "rotation-due",
                unit=unit.pk,
                due_before=rotations.due_before,
            ),
            alert=bool(rotations.count),
        ),
        Tile(  # R-RPT-1: reported to the head one month ahead
            "loans-due",
            _("Loans falling due next month"),
            loans_due.count,
            link(user, LOAN_READERS, "loan-list", unit=unit.pk, month=f"{due_month:%Y-%m}"),
            detail=_("%(amount)s (10,000 yuan)") % {"amount": wan_yuan(loans_due.balance)},
        ),
    ]
    return tiles, meetings, counted_at


def evaluation_tiles(user, unit: OrgUnit, period, figures, evaluation) -> list[Tile]:
    """Promotion candidates, demotion risks and below-minimum-line managers (R-ELG-5)."""
    current = figures[period].actions
    wanted = [
        (SuggestedAction.PROMOTION_CANDIDATE, _("Promotion candidates"), False),
        (SuggestedAction.DEMOTION_RISK, _("Demotion risks"), True),
        (SuggestedAction.BELOW_MINIMUM_LINE, _("Below the minimum line"), True),
    ]
    tiles = []
    for action, label, alert in wanted:
        count = current.get(action.value, 0)
        url = None
        if evaluation is not None:
            url = link(
                user,
                EVALUATION_PAGE_ROLES,
                "evaluation-detail",
                args=[evaluation.pk],
                unit=unit.pk,
                action=action.value,
            )
        tiles.append(Tile(action.value, label, count, url, alert=alert and bool(count)))
    return tiles


@dataclass
class FigureRow:
    """One indicator against the previous period and the plan (yuan)."""

    key: str
    label: str
    current: object
    previous: object
    plan: object

    @property
    def change(self):
        return self.current - self.previous

    @property
    def completion(self):
        return self.current / self.plan if self.plan else None


def figure_rows(figures, period, plan) -> list[FigureRow]:
    current, previous = figures[period], figures[period.previous]
    return [
        FigureRow("deposits", _("Deposits"), current.deposits, previous.deposits, plan.deposits),
        FigureRow("loans", _("Loans"), current.loans, previous.loans, plan.loans),
    ]


def figure_context(user, unit: OrgUnit, period) -> dict:
    """The evaluation-based part of the page; empty when nothing was evaluated yet."""
    if period is None:
        return {}
    figures, evaluation, grades, units = cached(
        ("evaluations", scope_of(user), unit.pk, period),
        lambda: (
            selectors.figures_by_period(user, unit, period),
            selectors.evaluation_for_links(user, unit, period),
            selectors.grade_distribution(user, unit, period),
            selectors.unit_comparison(user, unit, period),
        ),
    )
    months = cached(("trend", unit.pk, period), lambda: selectors.monthly_trend(unit, period))
    latest_month = months[-1].month if months else period.last_month
    unit_urls = [dashboard_url(row.unit, period) for row in units]
    return {
        "figures": figures[period],
        "figure_rows": figure_rows(figures, period, selectors.plan_of(user, unit, period)),
        "previous_period": period.previous,
        "evaluation": evaluation,
        "evaluation_tiles": evaluation_tiles(user, unit, period, figures, evaluation),
        "grades": grades,
        "roster_url": link(user, ROSTER_ROLES, "roster", unit=unit.pk),
        "units": list(zip(units, unit_urls, strict=True)),
        "months": months,
        "new_npls": cached(
            ("new-npls", unit.pk, period.year, latest_month),
            lambda: selectors.new_npls(unit, period.year, latest_month),
        ),
        "charts": {
            "trend": charts.trend_chart(months),
            "grades": charts.grade_chart(grades),
            "units": charts.unit_chart(units, unit_urls),
        },
    }


@role_required(DASHBOARD_ROLES)
def dashboard(request):
    """R-RPT: the head's dashboard of a unit's subtree for a period."""
    user = request.user
    unit = dashboard_unit(user, request.GET.get("unit"))
    periods = available_periods(user)
    period = chosen_period(request.GET.get("period"), periods)
    today = timezone.localdate()
    tiles, meetings, counted_at = attention_tiles(user, unit, today)
    new_accounts = attention.new_accounts(user, unit, today)
    context = {
        "unit": unit,
        "units_in_scope": OrgUnit.objects.restrict(user),
        "ancestors": breadcrumb(user, unit),
        "period": period,
        "periods": periods,
        "today": today,
        "attention": tiles,
        "meetings": meetings,
        "counted_at": counted_at,
        "new_accounts": new_accounts,
        "new_account_targets": new_account_targets(user, unit, today, new_accounts),
        "new_accounts_url": link(
            user,
            CUSTOMER_PAGE_ROLES,
            "customer-list",
            unit=unit.pk,
            kind="corporate",
            opened_from=today.replace(day=1),
        ),
    }
    context |= figure_context(user, unit, period)
    return render(request, "performance/dashboard.html", context)


@login_required
def my_day(request):
    """The account manager's day on a phone (404 for a user who is not one)."""
    return render(
        request,
        "performance/my_day.html",
        {"day": my_day_of(request.user, today=timezone.localdate())},
    )
