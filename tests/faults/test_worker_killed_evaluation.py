"""A worker killed in the middle of an evaluation (issue #9, R-ELG-1…5): the task goes back
to the queue (late acknowledgement, rejected when its worker is lost), runs again in full,
and leaves exactly one complete, correct result set: one result per account manager, the
credited deposits of their customer, the evaluation done once.
"""

import os
import signal
from datetime import date
from decimal import Decimal

import pytest

from customers.models import Assignment, Customer
from managers.models import AccountManager
from performance.evaluations import evaluation_request
from performance.figure_rollups import rollup_all
from performance.models import Evaluation, EvaluationResult, EvaluationStatus, MonthlyFigure
from tests.factories import AccountManagerFactory, CustomerFactory, default_rule_set, grade_levels
from tests.performance.helpers import figure

from .servers import deliveries, wait_for, worker_env

MANAGERS = 3_000  # one customer each: the run lasts long enough (~1 s) to be caught midway


def deposit_of(n: int) -> Decimal:
    return Decimal(1_000_000 + 1_000 * n)


@pytest.fixture
def held_bank(transactional_db, bank):
    """MANAGERS account managers, each holding one customer with nine months of figures."""
    grade_levels()  # what the migrations seed, gone after earlier flushing tests
    default_rule_set()
    units = [bank.sub_a, bank.sub_b, bank.outlet_a1]
    managers = AccountManager.objects.bulk_create(
        AccountManagerFactory.build(employee_number=f"W{n:05d}", unit=units[n % 3])
        for n in range(MANAGERS)
    )
    customers = Customer.objects.bulk_create(
        CustomerFactory.build(number=f"W{n:06d}", unit=manager.unit)
        for n, manager in enumerate(managers)
    )
    Assignment.objects.bulk_create(
        Assignment(
            customer=customer,
            manager=manager,
            credit_share=Decimal(1),
            start_date=date(2026, 1, 1),
            created_by=bank.hr,
        )
        for customer, manager in zip(customers, managers, strict=True)
    )
    MonthlyFigure.objects.bulk_create(
        figure(customer, 2026, month, deposit_avg=deposit_of(n))
        for n, customer in enumerate(customers)
        for month in range(1, 10)
    )
    rollup_all([2026])
    return managers


def stage_of(evaluation: Evaluation) -> str:
    evaluation.refresh_from_db()
    assert evaluation.status != EvaluationStatus.FAILED, evaluation.error
    return evaluation.status


def test_an_evaluation_survives_its_worker_process_killed(servers, bank, held_bank, queue):
    worker = servers.worker(worker_env(), queue, pool="prefork")
    evaluation = evaluation_request(actor=bank.hr, year=2026, quarter=3)

    wait_for(lambda: stage_of(evaluation) == EvaluationStatus.RUNNING, 120, "the run", 0.005)
    (child,) = worker.children()
    os.kill(child, signal.SIGKILL)  # the OOM killer, in the middle of the run
    wait_for(
        lambda: deliveries(worker, "performance.run_evaluation") == 2,
        60,
        "the task to be delivered again",
        0.01,
    )
    assert "WorkerLostError" in worker.log.read_text()
    wait_for(lambda: stage_of(evaluation) == EvaluationStatus.DONE, 120, "the retry", 0.2)

    results = EvaluationResult.objects.filter(evaluation=evaluation)
    everyone = AccountManager.objects.count()  # these and the cast's three, holding none
    assert results.count() == everyone == results.values("manager").distinct().count()
    assert Evaluation.objects.count() == 1
    held = results.filter(manager__employee_number__startswith="W")
    by_number = dict(held.values_list("manager__employee_number", "deposits"))
    assert by_number == {f"W{n:05d}": deposit_of(n) for n in range(MANAGERS)}
