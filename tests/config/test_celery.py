"""Celery wiring end to end: a real worker process, the real Redis broker, the test database."""

from managers.models import OrgUnit
from tests.factories import OrgUnitFactory


def test_worker_runs_a_task_against_the_same_database(celery_worker, transactional_db):
    from config.health import database_health_task

    OrgUnitFactory(name="总行")
    result = database_health_task.delay()
    answer = result.get(timeout=60)
    assert answer["org_units"] == OrgUnit.objects.count() == 1
    assert answer["worker"]


def test_healthz_reports_database_and_broker(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}


def test_healthz_reports_an_unreachable_broker(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["broker"] == "unreachable"
