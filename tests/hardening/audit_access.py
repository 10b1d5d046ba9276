"""The routes that reveal or export customer personal data (R-PRO-8, R-CUS-7), and what
each must write to the access log: one entry per reveal or export, naming the user, the
time, the customers and the action."""

from collections.abc import Callable
from dataclasses import dataclass

from customers import selectors
from customers.choices import AccessAction
from customers.models import Customer
from tests.hardening.audit_cases import Write
from tests.hardening.audit_table import WRITE_CASES

# The personal data `give_personal_data` sets on the world's customers (the factory's
# values are also the import template's example row): an answer that shows either
# unmasked reveals personal data.
PERSONAL_DATA = ("44030419900307001X", "13900001234")


def give_personal_data(world) -> None:
    numbers = [side.objects["customer"].pk for side in world.sides.values()]
    id_number, phone = PERSONAL_DATA
    Customer.objects.filter(pk__in=numbers).update(id_number=id_number, phone=phone)


@dataclass(frozen=True)
class Access:
    write: Write  # the request, as in the write walk
    action: str  # AccessAction
    customers: Callable  # (world, user) -> the customer numbers the entry must name
    shows_personal_data: bool = False  # the answer itself shows it unmasked


def _the_customer(world, user) -> list[str]:
    return [world.sides["a"].objects["customer"].number]


def _visible(world, user) -> list[str]:
    return list(selectors.customers_for(user).values_list("number", flat=True))


def _imported(world, user) -> list[str]:
    return ["AUDIT1"]


REVEAL = {"purpose": "核实客户身份以办理业务"}
ACCESS_CASES: dict[str, Access] = {
    "customer-detail": Access(
        Write("head_a", REVEAL, subject="customer"),
        AccessAction.REVEAL,
        _the_customer,
        shows_personal_data=True,
    ),
    "api:customer-reveal": Access(
        Write("head_a", REVEAL, subject="customer"),
        AccessAction.REVEAL,
        _the_customer,
        shows_personal_data=True,
    ),
    "customer-export": Access(Write("head_a", method="get"), AccessAction.EXPORT, _visible),
    # Loans falling due (R-RPT-1): the world holds no loans, so the export names nobody.
    "loan-xlsx": Access(Write("head_a", method="get"), AccessAction.EXPORT, lambda w, u: []),
    "customer-import": Access(WRITE_CASES["customer-import"], AccessAction.IMPORT, _imported),
    "api:customer-import": Access(
        WRITE_CASES["api:customer-import"], AccessAction.IMPORT, _imported
    ),
}
