"""Small builders shared by the visit and outing tests."""

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from customers.models import Assignment

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment in the bank's time zone."""
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI)


def hold(customer, manager, by):
    """Give `manager` the whole of `customer` (管户), recorded as done by `by`."""
    Assignment.objects.create(
        customer=customer,
        manager=manager,
        credit_share=Decimal("1"),
        start_date=date(2024, 1, 1),
        created_by=by,
    )
    return customer


def new_held_customers(count: int, *, manager, actor) -> list:
    """`count` new customers of the manager's unit, held wholly by `manager` (through
    the assignment service)."""
    from customers import services
    from tests.factories import CustomerFactory

    customers = CustomerFactory.create_batch(count, unit=manager.unit)
    for customer in customers:
        services.assignment_create(
            actor=actor,
            customer=customer,
            manager=manager,
            credit_share=Decimal("1"),
            start_date=date(2026, 1, 1),
        )
    return customers
