"""Writes of the compliance app."""

from collections.abc import Iterable

from customers.choices import AccessAction

from .models import CustomerDataAccess


def log_customer_access(
    *, request, action: str, customer_numbers: Iterable[str], fields: str, purpose: str
) -> CustomerDataAccess:
    """R-PRO-8, R-CUS-7: record who saw or exported which customers' data, why and from
    where. Called in the same request that shows or sends the data."""
    numbers = list(customer_numbers)
    return CustomerDataAccess.objects.create(
        user=request.user,
        action=action,
        customer_numbers=numbers,
        customer_count=len(numbers),
        fields=fields,
        purpose=purpose.strip(),
        ip_address=request.META.get("REMOTE_ADDR") or None,
        path=request.path[:300],
    )


def log_personal_data_reveal(*, request, customer, purpose: str) -> CustomerDataAccess:
    """R-CUS-7: one customer's full ID number and phone shown for a stated purpose."""
    return log_customer_access(
        request=request,
        action=AccessAction.REVEAL,
        customer_numbers=[customer.number],
        fields="id_number,phone",
        purpose=purpose,
    )
