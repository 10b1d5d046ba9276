"""Read side of visits and outings (R-VIS-1, R-VIS-2), shared by pages and the API.

Everything here is scoped with `restrict(user)` and set-based: a list is a fixed number of
queries whatever its length.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import (
    BooleanField,
    Case,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import TruncDate, TruncTime
from django.utils import timezone

from managers.models import AccountManager

from .models import Assignment, Customer, Outing, OutingPolicy, Visit, VisitFrequency


def local_zone():
    """R-VIS-2 counts days in the bank's time zone (Asia/Shanghai), whatever is active."""
    return timezone.get_default_timezone()


# --- visits (R-VIS-1) ---------------------------------------------------------------------


def visits_for(user) -> QuerySet[Visit]:
    """Visits the user may see, with what a list shows (one query)."""
    return Visit.objects.restrict(user).select_related("manager__unit", "customer", "outing")


def customers_for(user) -> QuerySet[Customer]:
    """Customers the user may pick or filter by (an account manager: the ones they hold)."""
    return Customer.objects.restrict(user)


def managers_for(user) -> QuerySet[AccountManager]:
    return AccountManager.objects.restrict(user).order_by("name")


def open_outings_of(manager: AccountManager | None) -> QuerySet[Outing]:
    """A manager's outings still open: the ones a visit may be linked to (R-VIS-2)."""
    if manager is None:
        return Outing.objects.none()
    return Outing.objects.filter(manager=manager, returned_at__isnull=True).select_related(
        "customer"
    )


def start_of_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), local_zone())


def visit_frequencies() -> dict[str, int]:
    """R-VIS-1: days between visits per customer tier (configurable)."""
    return dict(VisitFrequency.objects.values_list("tier", "every_days"))


def customers_due_for_visit(user, *, today: date | None = None) -> QuerySet[Customer]:
    """R-VIS-1: customers in scope whose tier's visit interval has passed since their
    latest visit (by anyone), or that were never visited. Never-visited first, then the
    longest overdue. Each row carries `last_visit_at`, `every_days`, `due_at` (None if
    never visited) and `current_assignments` (the holders); `days_overdue(row, today)`
    gives the days.

    Set-based: "due" is one anti-join on the (customer, -visited_at) index against a
    per-tier threshold (one CASE); the latest visit, shown and sorted by, is a correlated
    subquery computed for the due rows only. The list is one query plus one for the
    holders, whatever its length."""
    today = today or timezone.localdate()
    every = visit_frequencies()
    latest = (
        Visit.objects.filter(customer=OuterRef("pk")).order_by("-visited_at").values("visited_at")
    )
    # Overdue when more than `days` whole days have passed: no visit since the start of
    # the day `days` days ago (Asia/Shanghai).
    visited_since = [
        When(tier=tier, then=Value(start_of_day(today - timedelta(days=days))))
        for tier, days in every.items()
    ]
    recent_visit = Visit.objects.filter(
        customer=OuterRef("pk"), visited_at__gte=OuterRef("visit_due_since")
    )
    due_at = [
        When(
            tier=tier,
            then=ExpressionWrapper(
                F("last_visit_at") + Value(timedelta(days=days)), output_field=DateTimeField()
            ),
        )
        for tier, days in every.items()
    ]
    every_days = [When(tier=tier, then=Value(days)) for tier, days in every.items()]
    holders = Assignment.objects.current().select_related("manager").order_by("-credit_share")
    return (
        customers_for(user)
        .filter(tier__in=list(every))
        .alias(visit_due_since=Case(*visited_since, output_field=DateTimeField()))
        .filter(~Exists(recent_visit))
        .annotate(last_visit_at=Subquery(latest[:1]))
        .annotate(
            due_at=Case(*due_at, default=None, output_field=DateTimeField()),
            every_days=Case(*every_days, default=None, output_field=IntegerField()),
        )
        .select_related("unit")
        .prefetch_related(Prefetch("assignments", holders, to_attr="current_assignments"))
        .order_by(F("due_at").asc(nulls_first=True), "number")
    )


def days_overdue(customer: Customer, today: date) -> int | None:
    """Days since the visit became due (R-VIS-1); None for a customer never visited."""
    if customer.due_at is None:
        return None
    return (today - timezone.localtime(customer.due_at, local_zone()).date()).days


# --- outings (R-VIS-2) --------------------------------------------------------------------


def outing_deadline(outing: Outing, return_by: time) -> datetime:
    """When the outing should be closed: its expected return or the configured return
    time on the day it started (Asia/Shanghai), whichever is earlier (R-VIS-2)."""
    zone = local_zone()
    day = timezone.localtime(outing.left_at, zone).date()
    policy = timezone.make_aware(datetime.combine(day, return_by), zone)
    return min(policy, outing.expected_return_at)


def overdue_condition(*, now: datetime, return_by: time) -> Q:
    """R-VIS-2, computed (never stored): an outing is overdue when it was not closed by
    the return time on the day it started, or not by its expected return. An open one is
    overdue once that moment has passed; a closed one was overdue if closed after it.

    Needs the aliases `left_on`, `returned_on`, `returned_time` (see `outings_for`)."""
    zone = local_zone()
    local_now = timezone.localtime(now, zone)
    start_of_today = timezone.make_aware(datetime.combine(local_now.date(), time.min), zone)
    # Open outings that started before this cutoff have missed the return time of their day.
    if local_now.time() > return_by:
        missed_return_time = start_of_today + timedelta(days=1)
    else:
        missed_return_time = start_of_today
    still_out = Q(returned_at__isnull=True) & (
        Q(expected_return_at__lt=now) | Q(left_at__lt=missed_return_time)
    )
    returned_late = Q(returned_at__isnull=False) & (
        Q(returned_at__gt=F("expected_return_at"))
        | Q(returned_on__gt=F("left_on"))
        | Q(returned_on=F("left_on"), returned_time__gt=return_by)
    )
    return still_out | returned_late


def outings_for(user, *, now: datetime | None = None) -> QuerySet[Outing]:
    """Outings the user may see, each annotated with `is_overdue` as of `now`."""
    now = now or timezone.now()
    zone = local_zone()
    return_by = OutingPolicy.current().return_by
    return (
        Outing.objects.restrict(user)
        .select_related("manager__unit", "customer")
        .alias(
            left_on=TruncDate("left_at", tzinfo=zone),
            returned_on=TruncDate("returned_at", tzinfo=zone),
            returned_time=TruncTime("returned_at", tzinfo=zone),
        )
        .annotate(
            is_overdue=Case(
                When(overdue_condition(now=now, return_by=return_by), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )
