"""PostgreSQL restarted, then stopped for a while, under a running web server (issue #9):
gunicorn with DEBUG off on a PostgreSQL cluster of the test's own, holding a copy of the test
database (the cast, a session, a token).

After a restart the next requests succeed: the app's persistent connection is dead, and
CONN_HEALTH_CHECKS replaces it before a request uses it. While the database is down, pages
answer at once with a clean 503 page (no traceback), the API with a JSON 503, /healthz/
reports the database unreachable; once it is back, everything answers again — the same
gunicorn process, never restarted.
"""

import time

from django.conf import settings
from django.db import connection

from .browser import ApiClient, Browser, as_json
from .servers import app_environment, database_url

PAGE = "/performance/evaluations/"
API = "/api/v1/evaluations/"
FAST = 15  # seconds: a request on a dead database must answer, not hang (connect_timeout 5)


def timed(call):
    started = time.monotonic()
    answer = call()
    elapsed = time.monotonic() - started
    assert elapsed < FAST, f"answered after {elapsed:.1f} s"
    return answer


def all_answer(hr: Browser, api: ApiClient, web) -> None:
    status, text = timed(lambda: hr.get(PAGE))
    assert status == 200 and 'data-testid="evaluation-table"' in text, text[:500]
    status, _, text = timed(lambda: api.get(API))
    assert status == 200 and "results" in as_json(text), text
    status, _, text = timed(lambda: web.request("GET", "/healthz/"))
    assert (status, as_json(text)["database"]) == (200, "ok")


def test_the_app_answers_cleanly_while_postgres_is_down_and_recovers_without_a_restart(
    servers, transactional_db, bank
):
    pg = servers.postgres()
    hr_session, api_token = Browser.session_of(bank.hr), ApiClient.token_of(bank.integration)
    pg.copy_database(database_url(connection.settings_dict), "am_office")
    web = servers.web(app_environment(database=pg.url("am_office"), redis=settings.REDIS_URL))
    hr, api = Browser(web, session=hr_session), ApiClient(web, token=api_token)
    all_answer(hr, api, web)

    pg.restart()  # fast mode: every connection of the app is cut
    all_answer(hr, api, web)

    pg.stop()
    status, text = timed(lambda: hr.get(PAGE))
    assert status == 503 and "服务暂时不可用" in text  # "The service is briefly unavailable"
    assert "Traceback" not in text and "OperationalError" not in text
    status, headers, text = timed(lambda: api.get(API))
    assert (status, headers["Retry-After"]) == (503, "30")
    assert "数据库暂时没有响应" in as_json(text)["detail"]  # "The database is not answering"
    status, _, text = timed(lambda: web.request("GET", "/healthz/"))
    assert (status, as_json(text)["database"]) == (503, "unreachable")

    pg.start()
    all_answer(hr, api, web)
    assert web.process.poll() is None  # the same server process throughout
