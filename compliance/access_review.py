"""Review of the customer-data access log (R-PRO-8, R-CUS-7): who revealed or exported
more customers in a day than the policy's threshold, and which access happened outside
working hours or on a day off (official calendar, adjusted working days included).
Set-based: a handful of queries whatever the size of the log."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncDate

from customers.choices import AccessAction
from managers.working_days import WorkingCalendar

from .models import CustomerDataAccess
from .rotation import AccessReviewPolicy


@dataclass
class AccessReview:
    heavy_days: list[dict]
    off_hours: QuerySet
    policy: AccessReviewPolicy
    missing_years: list[int]


def off_hours_filter(start: date, end: date, policy) -> tuple[Q, list[int]]:
    calendar = WorkingCalendar.between(start, end)
    days_off = [d for d in _days(start, end) if not calendar.is_working_day(d)]
    outside = (
        Q(at__date__in=days_off)
        | Q(at__time__lt=policy.day_starts)
        | Q(at__time__gt=policy.day_ends)
    )
    return outside, calendar.missing_years


def _days(start: date, end: date):
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def access_review(*, user, start: date, end: date) -> AccessReview:
    policy = AccessReviewPolicy.current()
    rows = CustomerDataAccess.objects.restrict(user).filter(at__date__range=(start, end))
    heavy = (
        rows.filter(action__in=[AccessAction.REVEAL, AccessAction.EXPORT])
        .annotate(day=TruncDate("at"))
        .values("day", "user", "user__username", "user__last_name", "user__first_name")
        .annotate(entries=Count("pk"), customers=Sum("customer_count"))
        .filter(customers__gt=policy.daily_threshold)
        .order_by("-day", "-customers")
    )
    outside, missing = off_hours_filter(start, end, policy)
    off_hours = rows.filter(outside).select_related("user")
    return AccessReview(list(heavy[:500]), off_hours, policy, missing)
