"""The compliance officer's home page (R-ORG-2: compliance follows violations and
discipline): the queues of cases, proposals, acknowledgements, rotations, outing checks,
deadlines and customer-data access, each a count, the newest items and a link to the
list page, built on that page's own selector and filter. A fixed number of queries
whatever the size of the bank."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from managers.home_queues import (
    SHORT_LIST,
    Queue,
    QueueItem,
    QueuePart,
    day_of,
    first,
    joined,
    url_to,
)
from managers.templatetags.office import yuan

from . import case_selectors
from .access_review import access_review
from .access_review_views import DEFAULT_DAYS as ACCESS_REVIEW_DAYS
from .choices_cases import ActionStatus, CaseStatus, DisciplineKind
from .deadlines import CreditApplication, CreditFileHandover
from .discipline_services import decider_refusal
from .fine_choices import FineStatus
from .fine_views import proposals_for
from .outings import OutingCheck
from .rest_filtersets import OutingCheckFilterSet, RotationFilterSet
from .rotation import RotationPolicy
from .rotation_selectors import notice_horizon, rotation_list, with_due_dates

OUTING_CHECK_DAYS = 30  # outing checks that found nobody, over this many days


def _filtered(filterset_class, data: dict, rows):
    """`rows` through the list page's own FilterSet (so the counts match the page)."""
    return filterset_class(data, queryset=rows).qs


def case_queues(user) -> list[Queue]:
    """R-PRO: cases reported and not yet taken up, and cases under investigation."""
    cases = case_selectors.cases_for(user)
    counts = cases.aggregate(
        reported=Count("pk", filter=Q(status=CaseStatus.REPORTED)),
        investigating=Count("pk", filter=Q(status=CaseStatus.INVESTIGATING)),
    )
    queues = []
    for status, label in (
        (CaseStatus.REPORTED, gettext_lazy("Violation cases reported")),
        (CaseStatus.INVESTIGATING, gettext_lazy("Violation cases under investigation")),
    ):
        items = [
            QueueItem(
                f"{case.number} {case.manager.name}",
                url_to("violation-detail", case.pk),
                joined(case.unit.name, day_of(case.reported_at)),
            )
            for case in first(cases.filter(status=status))
        ]
        queues.append(
            Queue(
                f"cases-{status}",
                label,
                counts[status],
                url_to("violation-list", status=status),
                items,
            )
        )
    return queues


def decidable_kinds(user) -> list[str]:
    """The kinds of disciplinary action `user` confirms or waives (R-DIS-1…3)."""
    return [kind for kind in DisciplineKind if decider_refusal(user, kind) is None]


def decidable_proposals(user, key: str, label) -> Queue:
    """Disciplinary proposals awaiting a decision of a kind `user` decides, one line per
    kind linking to `discipline-list` filtered to it (two queries)."""
    kinds = decidable_kinds(user)
    proposed = case_selectors.actions_for(user).filter(status=ActionStatus.PROPOSED, kind__in=kinds)
    counts = proposed.aggregate(**{kind: Count("pk", filter=Q(kind=kind)) for kind in kinds})
    items = [
        QueueItem(
            action.manager.name,
            url_to("discipline-list", status=ActionStatus.PROPOSED, kind=action.kind),
            joined(action.manager.unit.name, action.get_kind_display(), day_of(action.proposed_at)),
        )
        for action in first(proposed)
    ]
    parts = [
        QueuePart(
            DisciplineKind(kind).label,
            counts[kind],
            url_to("discipline-list", status=ActionStatus.PROPOSED, kind=kind),
        )
        for kind in kinds
    ]
    return Queue(
        key,
        label,
        sum(counts.values()),
        url_to("discipline-list", status=ActionStatus.PROPOSED),
        items,
        parts=parts,
    )


def fine_queue(user) -> Queue:
    """R-DIS-4, R-MTG-2: fine proposals awaiting compliance's decision."""
    proposed = proposals_for(user).filter(status=FineStatus.PROPOSED)
    items = [
        QueueItem(
            fine.person_name,
            url_to("fine-list", status=FineStatus.PROPOSED),
            joined(
                fine.unit.name,
                fine.get_reason_display(),
                _("%(amount)s yuan") % {"amount": yuan(fine.amount)},
                fine.day.isoformat(),
            ),
        )
        for fine in first(proposed)
    ]
    return Queue(
        "fines",
        gettext_lazy("Fine proposals awaiting a decision"),
        proposed.count(),
        url_to("fine-list", status=FineStatus.PROPOSED),
        items,
    )


def acknowledgement_queue(user, today: date) -> Queue:
    """R-PRO-1…10: account managers who have not acknowledged this year's catalogue in
    force (the acknowledgements page filtered to "no")."""
    missing = case_selectors.acknowledgement_status_for(user, today.year).filter(current=False)
    items = [
        QueueItem(
            manager.name,
            url_to("manager-detail", manager.pk),
            joined(manager.unit.name, manager.employee_number),
        )
        for manager in first(missing)
    ]
    return Queue(
        "acknowledgements",
        gettext_lazy("Not yet acknowledged the ten prohibitions this year"),
        missing.count(),
        url_to("prohibition-acknowledgements", current="false"),
        items,
    )


def rotation_queue(user, today: date) -> Queue:
    """R-PRO-11: rotations due within the policy's notice period, as `rotation-due`."""
    policy = RotationPolicy.current()
    due_before = notice_horizon(today, policy).isoformat()
    due = _filtered(
        RotationFilterSet, {"due_before": due_before}, rotation_list(user=user, today=today)
    )
    items = [
        QueueItem(
            row.name,
            url_to("manager-detail", row.pk),
            joined(
                row.unit.name,
                _("due %(day)s") % {"day": row.due_on.isoformat()},
                _("%(count)s customers") % {"count": row.customers_held},
            ),
        )
        for row in with_due_dates(first(due), policy)
    ]
    return Queue(
        "rotation",
        gettext_lazy("Rotations due"),
        due.count(),
        url_to("rotation-due"),
        items,
        note=_("Due by %(day)s") % {"day": due_before},
    )


def outing_check_queue(user, today: date) -> Queue:
    """R-VIS-2, R-DIS-4: outing checks of the last 30 days that did not find the
    account manager at the registered place."""
    data = {
        "at_registered_place": "false",
        "date_from": (today - timedelta(days=OUTING_CHECK_DAYS)).isoformat(),
    }
    rows = OutingCheck.objects.restrict(user).select_related("manager__unit")
    missed = _filtered(OutingCheckFilterSet, data, rows)
    items = [
        QueueItem(
            check.manager.name,
            url_to("compliance-records", "outing-checks", **data),
            joined(check.manager.unit.name, day_of(check.checked_at)),
        )
        for check in first(missed)
    ]
    return Queue(
        "outing-checks",
        gettext_lazy("Not found at the registered outing place (30 days)"),
        missed.count(),
        url_to("compliance-records", "outing-checks", **data),
        items,
    )


def deadline_queue(user, today: date) -> Queue:
    """R-DIS-4: credit files not handed over within 15 working days, and preliminary
    opinions not given within 3, still open past their due day."""
    overdue = {"due_on__lt": today}
    files = CreditFileHandover.objects.restrict(user).filter(handed_over_on__isnull=True, **overdue)
    opinions = CreditApplication.objects.restrict(user).filter(
        preliminary_opinion_on__isnull=True, **overdue
    )
    yesterday = (today - timedelta(days=1)).isoformat()
    parts, dated = [], []
    for kind, label, rows in (
        ("credit-file-handovers", gettext_lazy("Credit files not handed over"), files),
        ("credit-applications", gettext_lazy("Preliminary opinions not given"), opinions),
    ):
        url = url_to("compliance-records", kind, due_to=yesterday)
        parts.append(QueuePart(label, rows.count(), url))
        oldest = first(rows.select_related("manager__unit", "customer").order_by("due_on", "pk"))
        dated += [
            (
                record.due_on,
                QueueItem(
                    record.manager.name,
                    url,
                    joined(
                        label,
                        record.customer.number,
                        _("due %(day)s") % {"day": record.due_on.isoformat()},
                    ),
                ),
            )
            for record in oldest
        ]
    items = [item for _due, item in sorted(dated, key=lambda pair: pair[0])]
    return Queue(
        "deadlines",
        gettext_lazy("Deadlines passed"),
        sum(part.count for part in parts),
        url_to("compliance-records", "credit-file-handovers", due_to=yesterday),
        items[:SHORT_LIST],
        parts=parts,
        note=_("The lists mark the late rows."),
    )


def access_queue(user, today: date) -> Queue:
    """R-PRO-8, R-CUS-7: the access-log review of the last 30 days (its default period)."""
    review = access_review(user=user, start=today - timedelta(days=ACCESS_REVIEW_DAYS), end=today)
    off_hours = review.off_hours.count()
    url = url_to("access-review")
    items = [
        QueueItem(
            f"{row['user__last_name']}{row['user__first_name']} ({row['user__username']})",
            url,
            joined(row["day"].isoformat(), _("%(count)s customers") % {"count": row["customers"]}),
        )
        for row in review.heavy_days[:SHORT_LIST]
    ]
    items += [
        QueueItem(
            f"{entry.user.get_full_name()} ({entry.user.username})",
            url,
            joined(
                date_format(timezone.localtime(entry.at), "Y-m-d H:i"), entry.get_action_display()
            ),
        )
        for entry in first(review.off_hours)[: SHORT_LIST - len(items)]
    ]
    return Queue(
        "access",
        gettext_lazy("Unusual customer-data access (30 days)"),
        len(review.heavy_days) + off_hours,
        url,
        items,
        parts=[
            QueuePart(gettext_lazy("Heavy days"), len(review.heavy_days), url),
            QueuePart(gettext_lazy("Outside working hours"), off_hours, url),
        ],
    )


@dataclass
class ComplianceHome:
    queues: list[Queue]


def compliance_home(user, *, today: date | None = None) -> ComplianceHome:
    today = today or timezone.localdate()
    return ComplianceHome(
        [
            *case_queues(user),
            decidable_proposals(
                user, "discipline", gettext_lazy("Disciplinary proposals for you to decide")
            ),
            fine_queue(user),
            acknowledgement_queue(user, today),
            rotation_queue(user, today),
            outing_check_queue(user, today),
            deadline_queue(user, today),
            access_queue(user, today),
        ]
    )
