"""The evaluation on the real stack: requested like HR does, queued on Redis, run by a real
Celery worker process against the test database, progress visible while it runs."""

import time
from datetime import date

from performance.evaluations import evaluation_request
from performance.figure_rollups import rollup_all
from performance.models import Evaluation, EvaluationStatus
from tests.factories import (
    AccountManagerFactory,
    CustomerFactory,
    appoint,
    default_rule_set,
    grade_levels,
)
from tests.performance.helpers import held, monthly


def test_a_worker_evaluates_the_quarter_and_reports_progress(celery_worker, transactional_db, bank):
    levels = grade_levels()
    default_rule_set()
    manager = AccountManagerFactory(unit=bank.sub_a)
    appoint(manager, levels["L4"], start=date(2025, 1, 1), proposer=bank.head_a, approver=bank.hr)
    customer = CustomerFactory(unit=bank.sub_a)
    monthly(customer, 2025, range(1, 13), deposit_wan=3800)
    monthly(customer, 2026, range(1, 10), deposit_wan=3800)
    held(customer, manager, bank.hr)
    rollup_all([2025, 2026])

    evaluation = evaluation_request(actor=bank.hr, year=2026, quarter=3)

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        evaluation.refresh_from_db()
        if evaluation.finished:
            break
        time.sleep(0.05)
    assert evaluation.status == EvaluationStatus.DONE, evaluation.error
    assert evaluation.progress == 100 and evaluation.started_at and evaluation.finished_at
    assert evaluation.rule_set_version is not None
    result = evaluation.results.get(manager=manager)
    assert (result.eligible_grade_code, result.action) == ("L3", "promotion_candidate")
    assert Evaluation.objects.count() == 1
