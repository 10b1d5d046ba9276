"""Assignments, bulk assignment and transfers through the services (R-CUS-2, R-CUS-4)."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from customers import services
from customers.models import Assignment, Transfer
from managers.choices import ManagerStatus
from tests.factories import AccountManagerFactory, CustomerFactory


def assign(bank, customer, manager, share, on=date(2026, 1, 1)):
    return services.assignment_create(
        actor=bank.head_a,
        customer=customer,
        manager=manager,
        credit_share=Decimal(share),
        start_date=on,
    )


def test_split_shares_up_to_100_percent(bank, customer_a):
    assign(bank, customer_a, bank.am_a, "0.6")
    assign(bank, customer_a, bank.am_a1, "0.4")
    with pytest.raises(ValidationError) as refused:
        assign(bank, customer_a, AccountManagerFactory(unit=bank.sub_a), "0.01")
    assert "credit_share" in refused.value.message_dict
    assert Assignment.objects.filter(customer=customer_a).count() == 2


def test_history_records_who_assigned(bank, customer_a):
    result = assign(bank, customer_a, bank.am_a, "1")
    assert result.assignment.history.get().history_user == bank.head_a


def test_minimum_share_for_a_marketed_customer(bank):
    marketed = CustomerFactory(unit=bank.sub_a, source="marketed")
    with pytest.raises(ValidationError):
        assign(bank, marketed, bank.am_a, "0.7")  # R-CUS-4: self-marketed ≥ 80%
    assign(bank, marketed, bank.am_a, "0.8")


def test_trainee_cannot_hold_a_credit_customer(bank):
    trainee = AccountManagerFactory(unit=bank.sub_a, status=ManagerStatus.TRAINEE)
    credit = CustomerFactory(unit=bank.sub_a, is_credit=True)
    with pytest.raises(ValidationError) as refused:
        assign(bank, credit, trainee, "1")
    assert "R-GRD-5" in str(refused.value)


def test_corporate_manager_is_warned_about_a_small_customer(bank):
    small = CustomerFactory(unit=bank.sub_a, deposit_daily_avg=Decimal("100000"))
    result = assign(bank, small, bank.am_a, "1")
    assert result.assignment.pk and "R-ELG-6" in result.warnings[0]


@pytest.mark.django_db(transaction=True)
def test_concurrent_assignments_cannot_pass_100_percent(bank, customer_a):
    """Two simultaneous 60% assignments from two database connections: one wins."""
    second_manager = AccountManagerFactory(unit=bank.sub_a)
    barrier = threading.Barrier(2)
    outcomes = []

    def assign_in_thread(manager):
        try:
            barrier.wait(timeout=10)
            assign(bank, customer_a, manager, "0.6")
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=assign_in_thread, args=(m,)) for m in (bank.am_a, second_manager)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["ok", "refused"]
    total = sum(a.credit_share for a in Assignment.objects.filter(customer=customer_a))
    assert total == Decimal("0.6")


def test_bulk_assign_is_all_or_nothing(bank):
    trainee = AccountManagerFactory(unit=bank.sub_a, status=ManagerStatus.TRAINEE)
    plain = CustomerFactory.create_batch(3, unit=bank.sub_a)
    credit = CustomerFactory(unit=bank.sub_a, is_credit=True, name="授信客户")
    with pytest.raises(ValidationError) as refused:
        services.bulk_assign(
            actor=bank.head_a,
            customers=[*plain, credit],
            manager=trainee,
            credit_share=Decimal("1"),
            start_date=date(2026, 1, 1),
        )
    assert "授信客户" in str(refused.value)
    assert not Assignment.objects.exists()
    results = services.bulk_assign(
        actor=bank.head_a,
        customers=plain,
        manager=trainee,
        credit_share=Decimal("1"),
        start_date=date(2026, 1, 1),
    )
    assert len(results) == 3


def test_transfer_keeps_existing_business_with_the_former_holder(bank, customer_a):
    """R-CUS-4: the former holder keeps the baseline; the new holder gets ≥60% of the
    increase; the records say who held what on any day."""
    assign(bank, customer_a, bank.am_a, "1", on=date(2025, 1, 1))
    transfer = services.customer_transfer(
        actor=bank.head_a,
        customer=customer_a,
        from_manager=bank.am_a,
        to_manager=bank.am_a1,
        transfer_date=date(2026, 7, 1),
        baseline_deposit_avg=Decimal("3000000.00"),
        increase_share=Decimal("0.6"),
        reason="调岗移交",
    )
    assert Transfer.objects.get() == transfer

    def held(on):
        rows = Assignment.objects.filter(customer=customer_a).current(on=on)
        return sorted((a.manager.name, a.basis, a.credit_share) for a in rows)

    assert held(date(2026, 6, 30)) == [("甲经理", "whole", Decimal("1.0000"))]
    assert held(date(2026, 7, 1)) == [
        ("甲经理", "baseline", Decimal("1.0000")),
        ("网点经理", "increase", Decimal("0.6000")),
    ]
    baseline = Assignment.objects.get(customer=customer_a, basis="baseline")
    assert baseline.baseline_deposit_avg == Decimal("3000000.00")


def test_transfer_needs_60_percent_of_the_increase(bank, customer_a):
    assign(bank, customer_a, bank.am_a, "1", on=date(2025, 1, 1))
    with pytest.raises(ValidationError):
        services.customer_transfer(
            actor=bank.head_a,
            customer=customer_a,
            from_manager=bank.am_a,
            to_manager=bank.am_a1,
            transfer_date=date(2026, 7, 1),
            baseline_deposit_avg=Decimal("1"),
            increase_share=Decimal("0.5"),
            reason="移交",
        )
    assert not Transfer.objects.exists()
    assert Assignment.objects.get(customer=customer_a).end_date is None  # nothing half-saved


def test_transfer_from_someone_who_does_not_hold_it(bank, customer_a):
    with pytest.raises(ValidationError) as refused:
        services.customer_transfer(
            actor=bank.head_a,
            customer=customer_a,
            from_manager=bank.am_a,
            to_manager=bank.am_a1,
            transfer_date=date(2026, 7, 1),
            baseline_deposit_avg=Decimal("1"),
            increase_share=Decimal("0.6"),
            reason="移交",
        )
    assert "from_manager" in refused.value.message_dict


def test_end_assignment_before_start_is_refused(bank, customer_a):
    result = assign(bank, customer_a, bank.am_a, "1", on=date(2026, 1, 1))
    with pytest.raises(ValidationError):
        services.assignment_end(
            actor=bank.head_a, assignment=result.assignment, end_date=date(2025, 12, 31)
        )
    services.assignment_end(
        actor=bank.head_a, assignment=result.assignment, end_date=date(2026, 3, 31)
    )
    with pytest.raises(ValidationError):
        services.assignment_end(
            actor=bank.head_a, assignment=result.assignment, end_date=date(2026, 4, 30)
        )
