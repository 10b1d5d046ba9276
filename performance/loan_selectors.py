"""Reads of loans falling due (R-RPT-1, 到期贷款情况表): the months, the scoped and
filtered list with each customer's current account managers, its totals, and the
dashboard's "due next month" tile. Every read goes through `Loan.objects.restrict(user)`
and takes a fixed number of queries whatever the number of loans."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet, Sum

from customers.models import Assignment
from managers.models import OrgUnit

from .models import Loan


def next_month(today: date) -> date:
    """The first day of the month after `today`'s (R-RPT-1: one month ahead)."""
    return (today.replace(day=1) + timedelta(days=32)).replace(day=1)


def month_end(first: date) -> date:
    """The last day of the month starting on `first`."""
    return next_month(first) - timedelta(days=1)


def loans_for(user) -> QuerySet[Loan]:
    """The loans `user` may see: their subtree's customers' (an account manager: those of
    the customers they currently hold), with customer, unit and current holders."""
    holders = Assignment.objects.current().select_related("manager").order_by("-credit_share")
    return (
        Loan.objects.restrict(user)
        .select_related("customer__unit")
        .prefetch_related(Prefetch("customer__assignments", holders, to_attr="holders"))
        .order_by("due_on", "contract_number")
    )


@dataclass(frozen=True)
class LoanTotals:
    count: int
    balance: Decimal


def totals(loans: QuerySet[Loan]) -> LoanTotals:
    """Number and summed balance of `loans` (one query)."""
    result = loans.order_by().aggregate(count=Count("pk"), balance=Sum("balance"))
    return LoanTotals(result["count"], result["balance"] or Decimal(0))


def due_next_month(user, unit: OrgUnit, today: date) -> tuple[date, LoanTotals]:
    """The dashboard tile: loans of the unit's subtree falling due next month (one query)."""
    first = next_month(today)
    loans = Loan.objects.restrict(user).filter(
        customer__unit__path__startswith=unit.path, due_on__range=(first, month_end(first))
    )
    return first, totals(loans)
