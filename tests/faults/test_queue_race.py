"""Redis lost in the instant between the broker check and the commit (issue #9): the rarer
half of "Redis down" (test_redis_down covers the check). The request still hears "try again
later" (QueueUnavailable), and the record it committed says that nothing will run it, instead
of "queued" forever; asked again once Redis is back, it is queued for real.

In process, so that Redis can be stopped inside the request's transaction: the Celery app of
this process is pointed at a private Redis for the test.
"""

from contextlib import contextmanager

import pytest
import redis
from django.db import transaction

from config.celery import QueueUnavailable, app
from performance.evaluations import evaluation_request
from performance.figure_imports import figure_import_submit
from performance.models import Evaluation, EvaluationStatus, FigureImport, ImportStatus
from tests.factories import default_rule_set

QUEUE = "faults-race"


@contextmanager
def broker(url: str):
    """This process's Celery app publishing to `url`, on a queue nobody consumes."""
    previous = app.conf.broker_url, app.conf.task_default_queue
    app.conf.broker_url, app.conf.task_default_queue = url, QUEUE

    def forget_connections():  # what Celery does after a fork: new pools, new URL
        app._pool = None
        app.amqp._producer_pool = None

    forget_connections()
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_default_queue = previous
        forget_connections()


def test_redis_lost_before_the_commit_leaves_records_marked_not_started(
    servers, transactional_db, bank, settings
):
    default_rule_set()
    settings.FIGURE_IMPORT_SYNC_MAX_BYTES = 10  # any file goes to a worker
    private = servers.redis()
    with broker(private.url):
        with pytest.raises(QueueUnavailable), transaction.atomic():
            evaluation_request(actor=bank.hr, year=2026, quarter=3)  # the check passes
            private.stop()  # … and Redis goes before the commit sends the task
        evaluation = Evaluation.objects.get()
        assert evaluation.status == EvaluationStatus.FAILED and evaluation.finished_at
        assert "任务队列" in evaluation.error  # "Not started: the job queue was unreachable"

        private.start()
        with pytest.raises(QueueUnavailable), transaction.atomic():
            figure_import_submit(
                actor=bank.hr, file_name="f.csv", file_format="csv", content=b"x" * 20
            )
            private.stop()
        record = FigureImport.objects.get()
        assert (record.status, record.content) == (ImportStatus.FAILED, None)
        assert "任务队列" in record.errors[0]["message"]

        private.start()  # empty: nothing was queued before
        again = evaluation_request(actor=bank.hr, year=2026, quarter=3)
        assert again.pk == evaluation.pk  # a failed evaluation may be asked for again
        again.refresh_from_db()
        assert again.status == EvaluationStatus.QUEUED and again.error == ""
        assert redis.Redis.from_url(private.url).llen(QUEUE) == 1  # and it is queued
