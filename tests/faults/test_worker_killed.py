"""A worker killed in the middle of a big figure import (issue #9): after the retry, exactly
one complete, correct set of figures, the import recorded once as done.

Two ways to lose a worker: its pool process killed (the OOM killer) — the worker puts the
task back at once (task_reject_on_worker_lost); the whole worker killed (a machine lost) —
Redis hands the unacknowledged task to the next worker after the visibility timeout (an hour
in production, seconds here through CELERY_VISIBILITY_TIMEOUT).

The evaluation's side: test_worker_killed_evaluation.py, and
tests/performance/test_evaluations.py::test_a_run_stopped_midway_keeps_the_previous_complete_results
(a run stopped midway keeps the previous complete results; the retry replaces them in one
transaction).
"""

import os
import signal
import time
from decimal import Decimal

import pytest
from django.db.models import Count, Sum

from customers.models import Customer
from performance.figure_files import COLUMNS
from performance.figure_imports import figure_import_submit
from performance.models import CustomerYearFigure, FigureImport, ImportStatus, MonthlyFigure
from tests.factories import CustomerFactory

from .servers import deliveries, wait_for, worker_env

CUSTOMERS = 4_000
MONTHS = range(1, 6)
ROWS = CUSTOMERS * len(MONTHS)  # 20,000 rows, 0.8 MB: seconds on a worker
VISIBILITY = 4  # seconds before Redis hands an unacknowledged task to another worker
HEADER = ",".join(column.header for column in COLUMNS)  # the template's (Chinese)


@pytest.fixture
def big_file(transactional_db, bank) -> bytes:
    """CUSTOMERS customers of the branch and five months of figures for each."""
    units = [bank.sub_a, bank.sub_b, bank.outlet_a1]
    Customer.objects.bulk_create(
        CustomerFactory.build(number=f"K{n:06d}", unit=units[n % 3]) for n in range(CUSTOMERS)
    )
    rows = (
        f"K{n:06d},2026-{month:02d},{1000 + n}.50,{n % 7 * 100},0,,0,0,0"
        for n in range(CUSTOMERS)
        for month in MONTHS
    )
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def submit(bank, content: bytes, settings) -> FigureImport:
    settings.FIGURE_IMPORT_SYNC_MAX_BYTES = len(content) - 1  # queued for a worker
    record = figure_import_submit(
        actor=bank.hr, file_name="big.csv", file_format="csv", content=content
    )
    assert record.status == ImportStatus.QUEUED  # large: sent to a worker
    return record


def running(record: FigureImport) -> bool:
    record.refresh_from_db()
    assert record.status in (ImportStatus.QUEUED, ImportStatus.RUNNING), record.errors
    return record.status == ImportStatus.RUNNING


def done(record: FigureImport) -> bool:
    record.refresh_from_db()
    return record.finished_at is not None


def assert_one_complete_set(record: FigureImport) -> None:
    """Every row once, the values of the file, the import done once, roll-ups in step."""
    assert record.status == ImportStatus.DONE, record.errors
    assert (record.rows_created, record.rows_updated) == (ROWS, 0)  # the killed run saved none
    assert record.months == [f"2026-{month:02d}" for month in MONTHS]
    figures = MonthlyFigure.objects.filter(year=2026)
    totals = figures.aggregate(
        rows=Count("pk"), deposits=Sum("deposit_avg"), imports=Count("figure_import", distinct=True)
    )
    expected = sum(Decimal(f"{1000 + n}.50") for n in range(CUSTOMERS)) * len(MONTHS)
    assert totals == {"rows": ROWS, "deposits": expected, "imports": 1}
    assert figures.values("customer_id", "month").distinct().count() == ROWS
    assert CustomerYearFigure.objects.filter(year=2026).count() == CUSTOMERS
    assert FigureImport.objects.count() == 1


def test_a_big_import_survives_its_pool_process_then_its_whole_worker_killed(
    servers, bank, big_file, queue, settings
):
    env = worker_env(CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY))
    first = servers.worker(env, queue, pool="prefork")
    record = submit(bank, big_file, settings)

    # 1. The pool process dies mid-run: the worker puts the task back and runs it again.
    wait_for(lambda: running(record), 120, "the worker to start the import", 0.01)
    (child,) = first.children()
    os.kill(child, signal.SIGKILL)
    wait_for(
        lambda: deliveries(first, "performance.import_figures") == 2,
        60,
        "the task to be delivered again",
        0.01,
    )
    redelivered_at = time.monotonic()
    assert "WorkerLostError" in first.log.read_text()

    # 2. The whole worker dies holding the task again, unacknowledged (a machine lost).
    first.kill()
    record.refresh_from_db()
    assert record.status == ImportStatus.RUNNING and record.finished_at is None
    assert not MonthlyFigure.objects.exists()

    # 3. Redis gives the task to a worker that starts after the visibility timeout.
    time.sleep(max(0.0, redelivered_at + VISIBILITY + 0.5 - time.monotonic()))
    servers.worker(env, queue)
    wait_for(lambda: done(record), 120, "the next worker to run the import", 0.2)
    assert_one_complete_set(record)
