"""A small bank for the dashboard tests, built on the cast of `tests/conftest.py`:

- am_a (sub-branch A, L4) holds customer CA: 3,800万 deposits and 100万 loans every month
  → eligible L3, a promotion candidate; a target of 4,000万 deposits and 200万 loans in Q3;
- am_a1 (outlet A1) holds nothing → below the minimum line;
- am_b (sub-branch B, L4) holds CB: 1,600万 → keep;
- CNPL (outlet A1, nobody holds it): 200万 loans, normal until August, substandard in
  September → one new NPL in 2026-09 (R-RPT-3);
- CNEW (sub-branch A): a corporate customer with a basic account opened today;
- a reported violation case, a proposed disciplinary action and a proposed fine in
  sub-branch A, and the same in sub-branch B (which head_a must not count).
"""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from compliance.choices_cases import DisciplineKind, Trigger
from compliance.discipline import DisciplinaryAction
from compliance.fine_choices import FineReason
from compliance.fines import FineProposal
from compliance.violations import ViolationCase
from performance.models import MonthlyTarget
from performance.rule_defaults import wan
from tests.factories import CustomerFactory, appoint
from tests.performance.helpers import evaluate, held, monthly

JAN_SEP = range(1, 10)


def holding(manager, unit, number, deposit_wan, by, loan_wan=0):
    customer = CustomerFactory(unit=unit, number=number)
    monthly(customer, 2026, JAN_SEP, deposit_wan=deposit_wan, loan_wan=loan_wan, loan_class=1)
    monthly(customer, 2025, range(1, 13), deposit_wan=deposit_wan)
    held(customer, manager, by)
    return customer


def compliance_items(manager, unit, reporter, marker: str) -> None:
    ViolationCase.objects.create(
        manager=manager,
        unit=unit,
        occurred_on=date(2026, 10, 9),
        place="营业厅",
        description=marker,
        reporter=reporter,
    )
    DisciplinaryAction.objects.create(
        manager=manager,
        kind=DisciplineKind.YELLOW_CARD,
        trigger=Trigger.BELOW_MINIMUM_LINE,
        trigger_key=marker,
    )
    FineProposal.objects.create(
        manager=manager,
        unit=unit,
        reason=FineReason.LATE,
        amount=Decimal(50),
        day=date(2026, 9, 30),
    )


def build_small_bank(bank, levels):
    for manager, head in ((bank.am_a, bank.head_a), (bank.am_b, bank.head_b)):
        appoint(manager, levels["L4"], start=date(2025, 1, 1), proposer=head, approver=bank.hr)
    holding(bank.am_a, bank.sub_a, "CA", 3800, bank.hr, loan_wan=100)
    holding(bank.am_b, bank.sub_b, "CB", 1600, bank.hr)
    npl = CustomerFactory(unit=bank.outlet_a1, number="CNPL", is_credit=True)
    monthly(npl, 2026, range(1, 9), loan_wan=200, loan_class=1)
    monthly(npl, 2026, [9], loan_wan=200, loan_class=3)
    CustomerFactory(
        unit=bank.sub_a, number="CNEW", opened_on=timezone.localdate(), has_basic_account=True
    )
    for month in (7, 8, 9):
        MonthlyTarget.objects.create(
            manager=bank.am_a, year=2026, month=month, deposit_avg=wan(4000), loan_avg=wan(200)
        )
    compliance_items(bank.am_a1, bank.outlet_a1, bank.compliance, "A")
    compliance_items(bank.am_b, bank.sub_b, bank.compliance, "B")
    evaluate(2026, 2)
    evaluate(2026, 3)
    return bank
