"""Builders shared by the outing, deadline, rotation and judicial tests."""

from datetime import date, timedelta
from decimal import Decimal

from customers.models import Assignment, Outing
from tests.factories import CustomerFactory
from tests.meetings.helpers import at


def outing(manager, day: date, destination="城东科技有限公司") -> Outing:
    return Outing.objects.create(
        manager=manager,
        destination=destination,
        purpose="贷后检查",
        left_at=at(day, 9),
        expected_return_at=at(day, 16),
    )


def recent_outing(manager, now) -> Outing:
    return Outing.objects.create(
        manager=manager,
        destination="城东科技有限公司",
        purpose="贷后检查",
        left_at=now - timedelta(hours=2),
        expected_return_at=now + timedelta(hours=2),
    )


def hold(manager, start: date, by, count=1, **customer) -> list[Assignment]:
    """Give `manager` `count` customers of their unit from `start`."""
    return [
        Assignment.objects.create(
            customer=CustomerFactory(unit=manager.unit, **customer),
            manager=manager,
            credit_share=Decimal("1"),
            start_date=start + timedelta(days=i),
            created_by=by,
        )
        for i in range(count)
    ]
