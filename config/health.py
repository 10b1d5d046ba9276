"""Liveness of the moving parts: the database, the broker and a worker.

`/healthz/` answers for the web process (used by docker-compose health checks);
`database_health_task` is run by a worker and proves the worker reaches the same
database as the web process.
"""

import socket

from celery import shared_task
from django.conf import settings
from django.db import connection
from django.http import JsonResponse


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker_state() -> str:
    if not settings.REDIS_URL:
        return "in-process"
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
        return "ok"
    except redis.RedisError:
        return "unreachable"


def healthz(request):
    database = "ok" if _database_ok() else "unreachable"
    broker = _broker_state()
    healthy = database == "ok" and broker != "unreachable"
    return JsonResponse({"database": database, "broker": broker}, status=200 if healthy else 503)


@shared_task(name="health.database")
def database_health_task() -> dict:
    """Counts org units from the worker's side, so a caller can compare with its own view."""
    from managers.models import OrgUnit

    return {"worker": socket.gethostname(), "org_units": OrgUnit.objects.count()}
