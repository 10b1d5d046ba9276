"""The account manager's day: one read per question, each through the selector that the
pages of its app already use (R-MTG-1, R-VIS-2, R-JNL-1, R-VIS-1, R-ELG-5)."""

from dataclasses import dataclass
from datetime import date

from django.http import Http404

from customers.visit_selectors import customers_due_for_visit, open_outings_of
from managers.journal_compliance import ManagerRecord, journal_compliance
from managers.journal_selectors import journal_of_day, outings_of_day, previous_review
from managers.models import AccountManager, JournalReview, WorkJournal
from managers.roster import active_grade_names
from managers.selectors import latest_done_results
from meetings.selectors import attendance_for, meetings_for

from .dashboard_attention import week_start
from .evaluation_details import rebuilt
from .evaluation_views import gap_rows
from .models import EvaluationResult

DUE_VISITS_SHOWN = 10


def own_manager(user) -> AccountManager:
    """The account manager the user is (404 for anyone else)."""
    manager = AccountManager.objects.restrict(user).filter(user=user).select_related("unit").first()
    if manager is None:
        raise Http404
    return manager


@dataclass
class Indicators:
    result: EvaluationResult
    current_grade_name: str | None
    eligible_grade_name: str | None
    next_grade_name: str | None
    gap: object  # rules.Gap or None
    gaps: list


def indicators_of(user, manager: AccountManager) -> Indicators | None:
    """R-ELG-5: the latest finished evaluation's result, with the gap to the next grade."""
    result = latest_done_results(manager).restrict(user).select_related("evaluation").first()
    if result is None:
        return None
    verdict = rebuilt(
        result.details, result.evaluation.rules_used, result.current_grade_code or None
    )
    names = active_grade_names()
    return Indicators(
        result=result,
        current_grade_name=names.get(result.current_grade_code),
        eligible_grade_name=names.get(result.eligible_grade_code),
        next_grade_name=names.get(verdict.gap.grade_code) if verdict.gap else None,
        gap=verdict.gap,
        gaps=gap_rows(verdict),
    )


@dataclass
class MyDay:
    today: date
    manager: AccountManager
    meetings: list
    attendance: list
    review: JournalReview | None
    journal: WorkJournal | None
    week: ManagerRecord | None
    outings_today: list
    open_outings: int
    due_visits: list
    due_visits_count: int
    indicators: Indicators | None


def my_day(user, *, today: date) -> MyDay:
    manager = own_manager(user)
    due = customers_due_for_visit(user, today=today)
    week = journal_compliance(user, start=week_start(today), end=today, unit=manager.unit).managers
    return MyDay(
        today=today,
        manager=manager,
        meetings=list(meetings_for(user).filter(date=today)),
        attendance=list(attendance_for(user).filter(meeting__date=today, manager=manager)),
        review=previous_review(manager, today),
        journal=journal_of_day(manager, today),
        week=next((row for row in week if row.manager.pk == manager.pk), None),
        outings_today=list(outings_of_day(manager, today)),
        open_outings=open_outings_of(manager).count(),
        due_visits=list(due[:DUE_VISITS_SHOWN]),
        due_visits_count=due.count(),
        indicators=indicators_of(user, manager),
    )
