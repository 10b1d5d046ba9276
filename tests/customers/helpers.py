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
