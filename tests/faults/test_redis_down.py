"""Redis stopped while the application runs (issue #9): the web server (gunicorn, DEBUG off)
and a worker on a Redis of the test's own, the test database.

With Redis down the pages still work; "run now", the evaluation API and a large figure
upload (queued for a worker) answer at once that the job queue is unavailable, and nothing
is created (no evaluation that says "queued" but never runs). Once Redis is back, the same
requests run, on the worker that lived through the outage.
"""

import time

from django.db import connection

from performance.figure_files import COLUMNS
from performance.models import (
    Evaluation,
    EvaluationStatus,
    FigureImport,
    ImportStatus,
    MonthlyFigure,
)
from tests.factories import CustomerFactory, default_rule_set

from .browser import ApiClient, Browser, as_json
from .servers import app_environment, database_url, wait_for

QUEUE_DOWN = "任务队列暂时不可用"  # "The job queue is not available at the moment…"
FAST = 10  # seconds: a refusal must not hang on retries (kombu's default was 20 s)
HEADER = ",".join(column.header for column in COLUMNS)  # the template's (Chinese)


def figures_file(numbers: list[str]) -> bytes:
    rows = [f"{number},2026-01,1000000,0,0,,0,0,0" for number in numbers]
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def timed(call):
    started = time.monotonic()
    answer = call()
    elapsed = time.monotonic() - started
    assert elapsed < FAST, f"answered after {elapsed:.1f} s"
    return answer


def finished(record):
    record.refresh_from_db()
    return record.finished_at is not None


def test_with_redis_down_pages_work_and_queuing_says_try_later_then_runs_once_it_is_back(
    servers, transactional_db, bank
):
    default_rule_set()  # the 2026 rules, removed by flushing tests
    numbers = [CustomerFactory(number=f"R{n:03d}", unit=bank.sub_a).number for n in range(12)]
    upload = {"file": ("figures.csv", figures_file(numbers))}
    redis = servers.redis()
    env = app_environment(
        database=database_url(connection.settings_dict),
        redis=redis.url,
        FIGURE_IMPORT_SYNC_MAX_BYTES="200",  # this small file goes to the worker
    )
    web = servers.web(env)
    worker = servers.worker(env, queue="celery")
    hr, manager = Browser(web, bank.hr), Browser(web, bank.am_a_user)
    api = ApiClient(web, bank.integration)
    assert hr.get("/performance/evaluations/")[0] == 200  # its CSRF cookie, all well

    redis.stop()

    for browser, path in (
        (hr, "/performance/dashboard/"),
        (hr, "/performance/evaluations/"),
        (hr, "/performance/figures/import/"),
        (manager, "/journals/"),
    ):
        status, text = timed(lambda browser=browser, path=path: browser.get(path))
        assert status == 200, (path, text[:500])
    status, _, text = timed(lambda: api.get("/api/v1/evaluations/"))  # throttle fails open
    assert status == 200, text

    status, _, text = timed(
        lambda: hr.post("/performance/evaluations/", {"period": "2026Q3", "unit": ""})
    )
    assert status == 200 and QUEUE_DOWN in text  # the form again, with the message
    status, headers, text = timed(lambda: api.post("/api/v1/evaluations/", {"period": "2026Q3"}))
    assert (status, headers["Retry-After"]) == (503, "60")
    assert QUEUE_DOWN in as_json(text)["detail"]
    status, _, text = timed(lambda: hr.post("/performance/figures/import/", {}, upload))
    assert status == 200 and QUEUE_DOWN in text
    assert not Evaluation.objects.exists() and not FigureImport.objects.exists()

    redis.start()  # empty, as after a restart without persistence

    status, headers, _ = hr.post("/performance/evaluations/", {"period": "2026Q3", "unit": ""})
    assert status == 302, headers
    evaluation = Evaluation.objects.get()
    wait_for(lambda: finished(evaluation), 90, "the evaluation to run on the worker", 0.2)
    assert evaluation.status == EvaluationStatus.DONE, evaluation.error
    assert evaluation.results.count() == 3  # the three account managers of the cast

    status, headers, _ = hr.post("/performance/figures/import/", {}, upload)
    assert status == 302, headers
    record = FigureImport.objects.get()
    wait_for(lambda: finished(record), 60, "the import to run on the worker", 0.2)
    assert record.status == ImportStatus.DONE, record.errors
    assert MonthlyFigure.objects.filter(customer__number__in=numbers).count() == len(numbers)
    assert worker.process.poll() is None  # the worker lived through the outage
