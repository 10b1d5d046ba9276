"""Browser sessions end: when the browser closes, after SESSION_IDLE_TIMEOUT without a
request, and after SESSION_COOKIE_AGE (a working day) in any case."""

import time

from django.conf import settings
from django.urls import reverse

from config.middleware import IdleSessionTimeoutMiddleware
from tests.conftest import PASSWORD

KEY = IdleSessionTimeoutMiddleware.KEY


def log_in(client, username="head_a"):
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def idle_for(client, seconds: int) -> None:
    session = client.session
    session[KEY] = int(time.time()) - seconds
    session.save()


def test_session_cookie_dies_with_the_browser_and_lasts_a_working_day_at_most(client, bank):
    log_in(client)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"]  # a browser-session cookie
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert client.session.get_expiry_age() <= 8 * 3600


def test_idle_session_is_logged_out(client, bank):
    log_in(client)
    assert client.get(reverse("home")).status_code == 200
    idle_for(client, settings.SESSION_IDLE_TIMEOUT + 1)
    response = client.get(reverse("manager-list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.get(reverse("home")).status_code == 302  # it stays logged out


def test_activity_keeps_the_session(client, bank):
    log_in(client)
    idle_for(client, settings.SESSION_IDLE_TIMEOUT - 60)
    assert client.get(reverse("home")).status_code == 200
    assert int(time.time()) - client.session[KEY] < 5  # the request counted as activity
    assert client.get(reverse("manager-list")).status_code == 200


def test_idle_api_session_is_logged_out_too(client, bank):
    log_in(client, "hr")
    assert client.get(reverse("api:manager-list")).status_code == 200
    idle_for(client, settings.SESSION_IDLE_TIMEOUT + 1)
    assert client.get(reverse("api:manager-list")).status_code == 401


def test_activity_is_written_at_most_once_a_minute(client, bank):
    log_in(client)
    client.get(reverse("home"))
    stamp = client.session[KEY]
    client.get(reverse("home"))
    assert client.session[KEY] == stamp


def test_the_idle_clock_starts_at_login(client, bank):
    log_in(client)
    assert int(time.time()) - client.session[KEY] < 5
    client.force_login(bank.hr)
    assert int(time.time()) - client.session[KEY] < 5
