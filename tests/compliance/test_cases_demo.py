"""`seed_cases` gives the demo bank acknowledgements, cases in every state (one with a
confidential reporter) and discipline proposals and decisions from its facts;
deterministic (R-PRO, R-DIS-1…3)."""

import pytest
from django.db import transaction

from compliance.choices_cases import ActionStatus, CaseStatus, Trigger
from compliance.demo_cases import seed_cases
from compliance.models import DisciplinaryAction, ProhibitionAcknowledgement, ViolationCase
from customers.demo import seed_customers
from managers import demo
from performance.demo import seed_figures


def seed_demo_bank():
    bank = demo.seed("small")
    seed_customers(bank, bank.size.customers_per_manager, bank.rng)
    seed_figures(bank)
    seed_cases(bank)
    return bank


def snapshot() -> tuple:
    cases = list(
        ViolationCase.objects.order_by("pk").values_list(
            "manager__employee_number", "status", "reporter__username", "reporter_confidential"
        )
    )
    actions = list(
        DisciplinaryAction.objects.order_by(
            "manager__employee_number", "trigger", "proposed_at"
        ).values_list("manager__employee_number", "kind", "trigger", "customer__number", "status")
    )
    return cases, actions, ProhibitionAcknowledgement.objects.count()


class _Rollback(Exception):
    pass


def seeded_snapshot() -> tuple:
    try:
        with transaction.atomic():
            seed_demo_bank()
            taken = snapshot()
            raise _Rollback
    except _Rollback:
        return taken


@pytest.mark.django_db
def test_the_demo_has_cases_in_every_state_and_decided_proposals():
    first = seeded_snapshot()
    assert seeded_snapshot() == first  # deterministic
    bank = seed_demo_bank()
    assert set(ViolationCase.objects.values_list("status", flat=True)) == set(CaseStatus)
    assert ViolationCase.objects.filter(reporter_confidential=True).exists()
    assert ViolationCase.objects.filter(customers__isnull=False).exists()
    triggers = set(DisciplinaryAction.objects.values_list("trigger", flat=True))
    assert {Trigger.BELOW_MINIMUM_LINE, Trigger.CREDIT_CUSTOMER, Trigger.MANUAL} <= triggers
    statuses = set(DisciplinaryAction.objects.values_list("status", flat=True))
    assert statuses == set(ActionStatus)
    assert DisciplinaryAction.objects.in_force(demo.DEMO_TODAY).exists()
    am = bank.logins["am"]
    assert not ProhibitionAcknowledgement.objects.filter(manager__user=am).exists()
    assert ProhibitionAcknowledgement.objects.count() > 30
