"""The Celery app. Workers: `celery -A config worker`; schedule: `celery -A config beat`.

The application queues its work with `require_queue` and `queue_on_commit`: with the broker
(Redis) down, a request that would queue a job is refused at once with `QueueUnavailable`
("try again later"), before anything is written, instead of answering 500 after its commit
and leaving a record that says "queued" for a job that was never sent.
"""

import os

from celery import Celery
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from kombu.exceptions import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["config"], related_name="health")


class QueueUnavailable(Exception):
    """The broker does not answer: nothing was queued. `message` is for the user."""

    message = _(
        "The job queue is not available at the moment, so nothing was started. "
        "Try again in a few minutes."
    )


def require_queue() -> None:
    """Raise `QueueUnavailable` unless the broker answers now (two tries, under a second
    when Redis refuses the connection; the connect timeout is in the settings)."""
    if app.conf.task_always_eager:
        return  # the embedded demo: tasks run in-process
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2)
    except OperationalError as error:  # kombu's wrapper of the transport's connection errors
        raise QueueUnavailable from error


def queue_on_commit(task, *args, on_refused) -> None:
    """Send `task(*args)` once the current transaction commits. Should the broker fail just
    then (it answered `require_queue` a moment before), `on_refused()` marks the record as
    not queued and `QueueUnavailable` reaches the caller."""

    def send() -> None:
        try:
            task.delay(*args)
        except OperationalError as error:
            on_refused()
            raise QueueUnavailable from error

    transaction.on_commit(send)
