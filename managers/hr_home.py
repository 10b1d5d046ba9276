"""HR's home page (R-ORG-2: HR keeps grades and rosters): the queues HR works from, each
a count, the newest items and a link to the list page, built on that page's own selector
and filter. A fixed number of queries whatever the size of the bank."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from compliance.home import decidable_proposals
from performance.evaluations import may_evaluate
from performance.models import (
    Evaluation,
    EvaluationResult,
    EvaluationStatus,
    FigureImport,
    ImportStatus,
    SuggestedAction,
)
from performance.selectors import visible_evaluations, visible_imports

from . import selectors
from .choices import GradeChangeStatus
from .grade_permissions import decision_refusal
from .home_queues import (
    SHORT_LIST,
    Queue,
    QueueItem,
    QueuePart,
    day_of,
    first,
    joined,
    url_to,
)

TRAINEE_NOTICE_DAYS = 30  # as the trainees page (R-GRD-5)
FAILED_IMPORT_DAYS = 30  # a failed import stays on the home page this long
EVALUATION_QUEUES = (
    (SuggestedAction.PROMOTION_CANDIDATE, gettext_lazy("Promotion candidates")),
    (SuggestedAction.DEMOTION_RISK, gettext_lazy("Demotion risks")),
    (SuggestedAction.BELOW_MINIMUM_LINE, gettext_lazy("Below the minimum line")),
)
IN_PROGRESS = (ImportStatus.QUEUED, ImportStatus.RUNNING)
FAILED = (ImportStatus.FAILED, ImportStatus.REJECTED)


def grade_change_queue(user) -> Queue:
    """R-GRD-4: proposals awaiting approval, as `grade-change-list` shows them first."""
    proposed = selectors.grade_changes_for(user).filter(status=GradeChangeStatus.PROPOSED)
    items = [
        QueueItem(
            change.manager.name,
            url_to("grade-change-detail", change.pk),
            joined(
                change.manager.unit.name,
                change.get_kind_display(),
                change.to_level.name if change.to_level_id else "",
                day_of(change.proposed_at),
                _("yours to decide") if decision_refusal(user, change) is None else "",
            ),
        )
        for change in first(proposed)
    ]
    return Queue(
        "grade-changes",
        gettext_lazy("Grade changes awaiting approval"),
        proposed.count(),
        url_to("grade-change-list", status=GradeChangeStatus.PROPOSED),
        items,
    )


def trainee_queue(user, today: date) -> Queue:
    """R-GRD-5: trainee periods ending within 30 days (or ended without a grade)."""
    rows = selectors.trainees_ending(user, today=today, within_days=TRAINEE_NOTICE_DAYS)
    items = [
        QueueItem(
            row.manager.name,
            url_to("grade-change-propose", row.manager.pk),
            joined(row.manager.unit.name, _("ends %(day)s") % {"day": row.ends_on.isoformat()}),
        )
        for row in rows[:SHORT_LIST]
    ]
    return Queue(
        "trainees",
        gettext_lazy("Trainee periods ending within 30 days"),
        len(rows),
        url_to("trainees"),
        items,
    )


def latest_evaluation(user) -> Evaluation | None:
    """The latest finished evaluation the user sees; of one period, the widest scope."""
    done = visible_evaluations(user).filter(status=EvaluationStatus.DONE)
    return done.order_by("-year", "-quarter", "scope_path").first()


def _grades(row) -> str:
    """The current grade and the eligible one (R-ELG-5), when there is either."""
    if not (row.current_grade_name or row.eligible_grade_name):
        return ""
    return f"{row.current_grade_name or '—'} → {row.eligible_grade_name or '—'}"


def evaluation_queues(user, evaluation: Evaluation | None) -> list[Queue]:
    """R-ELG-5: promotion candidates, demotion risks and AMs below the minimum line
    (R-ELG-4) of the latest finished evaluation, as its results page filters them."""
    if evaluation is None:
        return []
    results = EvaluationResult.objects.restrict(user).filter(evaluation=evaluation)
    counts = results.aggregate(
        **{
            action.value: Count("pk", filter=Q(action=action))
            for action, _label in EVALUATION_QUEUES
        }
    )
    named = selectors.with_grade_names(results.select_related("manager", "unit"))
    queues = []
    for action, label in EVALUATION_QUEUES:
        rows = first(named.filter(action=action).order_by("unit__path", "manager__employee_number"))
        items = [
            QueueItem(
                row.manager.name,
                url_to("manager-indicators", row.manager_id, evaluation=evaluation.pk),
                joined(row.unit.name, _grades(row)),
            )
            for row in rows
        ]
        queues.append(
            Queue(
                action.value.replace("_", "-"),
                label,
                counts[action.value],
                url_to("evaluation-detail", evaluation.pk, action=action.value),
                items,
                note=joined(
                    _("Evaluation %(period)s") % {"period": evaluation.period},
                    evaluation.unit.name if evaluation.unit_id else _("Whole bank"),
                ),
            )
        )
    return queues


def discipline_queue(user) -> Queue:
    """R-DIS-3, R-GRD-3: the proposals of the kinds HR confirms (demotion, exit,
    dismissal), one line per kind linking to the list filtered to it."""
    return decidable_proposals(
        user, "discipline", gettext_lazy("Disciplinary proposals for you to decide")
    )


def figure_import_queue(user, today: date) -> Queue:
    """DOMAIN §3: figure imports queued or running, and those that failed or were
    rejected in the last 30 days (the imports page lists them all, newest first)."""
    since = today - timedelta(days=FAILED_IMPORT_DAYS)
    wanted = Q(status__in=IN_PROGRESS) | Q(status__in=FAILED, created_at__date__gte=since)
    imports = visible_imports(user).filter(wanted)
    counts = imports.aggregate(
        running=Count("pk", filter=Q(status__in=IN_PROGRESS)),
        failed=Count("pk", filter=Q(status__in=FAILED)),
    )
    rows: list[FigureImport] = first(imports.defer("errors").order_by("-created_at", "-pk"))
    list_url = url_to("figure-import-list")
    return Queue(
        "figure-imports",
        gettext_lazy("Figure imports running or failed"),
        counts["running"] + counts["failed"],
        list_url,
        [
            QueueItem(
                row.file_name,
                url_to("figure-import-detail", row.pk),
                joined(row.get_status_display(), day_of(row.created_at)),
            )
            for row in rows
        ],
        parts=[
            QueuePart(gettext_lazy("Queued or running"), counts["running"], list_url),
            QueuePart(gettext_lazy("Failed in the last 30 days"), counts["failed"], list_url),
        ],
    )


@dataclass
class HrHome:
    queues: list[Queue]
    evaluation: Evaluation | None
    runs: list[Evaluation]
    may_evaluate: bool


def hr_home(user, *, today: date | None = None) -> HrHome:
    today = today or timezone.localdate()
    evaluation = latest_evaluation(user)
    runs = list(visible_evaluations(user).order_by("-requested_at", "-pk")[:SHORT_LIST])
    queues = [
        grade_change_queue(user),
        trainee_queue(user, today),
        *evaluation_queues(user, evaluation),
        discipline_queue(user),
        figure_import_queue(user, today),
    ]
    return HrHome(queues, evaluation, runs, may_evaluate(user))
