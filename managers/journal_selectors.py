"""Read side of work journals (R-JNL-1, R-VIS-2), shared by pages and the API.

Everything reaching a user is scoped with `restrict(user)` and set-based: a list is a
fixed number of queries whatever its length. The day's visits and outings are read by
query (the manager's, whose local date is the journal's day), never copied.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from customers.models import Outing, Visit

from .choices import JournalStatus
from .models import AccountManager, JournalReview, JournalSpotCheck, WorkJournal


def local_zone():
    """Days are the bank's (Asia/Shanghai), whatever time zone is active."""
    return timezone.get_default_timezone()


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The first moment of `day` and of the day after, in the bank's time zone."""
    zone = local_zone()
    start = timezone.make_aware(datetime.combine(day, time.min), zone)
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), zone)


def _count_of_day(model, moment_field: str) -> Coalesce:
    """A correlated count of the journal manager's rows of `model` on the journal's day."""
    rows = (
        model.objects.filter(
            manager=OuterRef("manager_id"),
            **{f"{moment_field}__date": OuterRef("day")},
        )
        .order_by()
        .values("manager")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)  # no row: 0, not NULL


def journals_for(user) -> QuerySet[WorkJournal]:
    """Journals the user may see, with what a list shows, including how many visits and
    outings the manager logged that day (one query)."""
    return (
        WorkJournal.objects.restrict(user)
        .select_related("manager__unit", "review__reviewer")
        .annotate(
            visit_count=_count_of_day(Visit, "visited_at"),
            outing_count=_count_of_day(Outing, "left_at"),
        )
    )


def review_queue(user) -> QuerySet[WorkJournal]:
    """R-JNL-1: submitted journals in the user's subtree awaiting review, oldest first."""
    return journals_for(user).filter(status=JournalStatus.SUBMITTED).order_by("day", "pk")


def reviews_for(user) -> QuerySet[JournalReview]:
    return JournalReview.objects.restrict(user).select_related("journal__manager__unit", "reviewer")


def managers_for(user) -> QuerySet[AccountManager]:
    """Account managers the user may pick in a filter."""
    return AccountManager.objects.restrict(user).order_by("name")


def journal_of_day(manager: AccountManager, day: date) -> WorkJournal | None:
    return (
        WorkJournal.objects.filter(manager=manager, day=day)
        .select_related("review__reviewer")
        .first()
    )


def visits_of_day(manager: AccountManager, day: date) -> QuerySet[Visit]:
    """The day's visits, attached to the journal of that day (R-JNL-1, R-VIS-1)."""
    start, end = day_bounds(day)
    return (
        Visit.objects.filter(manager=manager, visited_at__gte=start, visited_at__lt=end)
        .select_related("customer")
        .order_by("visited_at", "pk")
    )


def outings_of_day(manager: AccountManager, day: date) -> QuerySet[Outing]:
    """The day's outings (R-VIS-2), attached to the journal of that day."""
    start, end = day_bounds(day)
    return (
        Outing.objects.filter(manager=manager, left_at__gte=start, left_at__lt=end)
        .select_related("customer")
        .order_by("left_at", "pk")
    )


def previous_review(manager: AccountManager, day: date) -> JournalReview | None:
    """R-VIS-2: the head's opinion on the manager's latest reviewed journal before `day`,
    with the work assigned for the working day after it (normally `day` itself)."""
    return (
        JournalReview.objects.filter(journal__manager=manager, journal__day__lt=day)
        .select_related("journal", "reviewer")
        .order_by("-journal__day")
        .first()
    )


def spot_checks_for(user) -> QuerySet[JournalSpotCheck]:
    return (
        JournalSpotCheck.objects.restrict(user)
        .select_related("unit", "drawn_by")
        .annotate(sample_size=Count("journals"))
        .order_by("-drawn_at", "-pk")
    )


def sampled_journals(spot_check: JournalSpotCheck, user) -> QuerySet[WorkJournal]:
    """The journals of a spot check, as the user may see them."""
    return journals_for(user).filter(spot_checks=spot_check).order_by("day", "manager__name")
