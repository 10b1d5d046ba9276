"""Read side of rotation (R-PRO-11): how long each AM has held their customers, and when
rotation falls due (held since + the policy's years). Held since is the start of the
oldest current whole-or-increase assignment (a baseline kept after a transfer is not
holding the customer). Set-based: one aggregate query whatever the number of AMs."""

from datetime import date, timedelta

from django.db.models import Count, Min, Q, QuerySet

from customers.share_rules import SHARED_BASES
from managers.models import AccountManager


def shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def held_now(today: date, prefix: str = "assignments__") -> Q:
    return Q(
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today}),
        **{f"{prefix}basis__in": SHARED_BASES, f"{prefix}start_date__lte": today},
    )


def rotation_list(*, user, today: date) -> QuerySet:
    """AMs of `user`'s scope holding customers on `today`, with `customers_held` and
    `held_since` (filter with `RotationFilterSet`: unit, due_before)."""
    held = held_now(today)
    return (
        AccountManager.objects.restrict(user)
        .filter(held)
        .select_related("unit")
        .annotate(
            customers_held=Count("assignments__customer", filter=held, distinct=True),
            held_since=Min("assignments__start_date", filter=held),
        )
        .order_by("held_since", "employee_number")
    )


def with_due_dates(rows, policy) -> list:
    for row in rows:
        row.due_on = shift_years(row.held_since, policy.years)
    return rows


def notice_horizon(today: date, policy) -> date:
    return today + timedelta(days=policy.notice_days)
