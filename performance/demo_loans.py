"""Loans of the demo bank (R-RPT-1): a few dozen loan contracts of credit customers, a third
of them falling due in the month after DEMO_TODAY (the dashboard's "next month" when the
demo is viewed in DEMO_TODAY's month), the rest spread over the months around it. A few
belong to the customers of the demo account manager ("am"), so that login sees some too.

Deterministic (its own seeded generator), written in bulk with history; the same few
dozen at every size, so the bench bank stays fast."""

import random
from datetime import timedelta
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from customers.models import Assignment, Customer
from managers.demo import DEMO_TODAY, DemoBank

from .loan_selectors import month_end, next_month
from .models import Loan

LOANS = 48
OWN = 4  # loans of the demo account manager's customers
DUE_NEXT_MONTH = 1 / 3


def seed_loans(bank: DemoBank) -> list[Loan]:
    rng = random.Random("demo-loans")
    credit = list(
        Customer.objects.filter(is_credit=True).order_by("pk").values_list("pk", "loan_balance")
    )
    if not credit:
        return []
    own = set(
        Assignment.objects.current()
        .filter(manager__user=bank.logins["am"], customer__is_credit=True)
        .order_by("customer_id")
        .values_list("customer_id", flat=True)[:OWN]
    )
    chosen = [row for row in credit if row[0] in own]
    others = [row for row in credit if row[0] not in own]
    chosen += rng.sample(others, min(LOANS - len(chosen), len(others)))
    first = next_month(DEMO_TODAY)
    loans = []
    for index, (customer_id, balance) in enumerate(chosen, start=1):
        if index % 3 == 1 or rng.random() < DUE_NEXT_MONTH / 2:
            due = first + timedelta(days=rng.randint(0, (month_end(first) - first).days))
        else:
            due = DEMO_TODAY + timedelta(days=rng.randint(-60, 240))
        start = due - timedelta(days=rng.choice((365, 730, 1095)))
        amount = balance if balance > 0 else Decimal(rng.randint(50, 3000) * 10_000)
        loans.append(
            Loan(
                contract_number=f"DK{DEMO_TODAY.year}{index:05d}",
                customer_id=customer_id,
                balance=amount,
                start_date=start,
                due_on=due,
            )
        )
    return bulk_create_with_history(loans, Loan, default_user=bank.logins["api"])
