"""Login lockout (django-axes): after LOGIN_FAILURE_LIMIT failures for one user name from one
address, that pair is locked out for LOGIN_LOCKOUT_MINUTES, the login page says so in
Chinese, and even the right password is refused until then."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD

LIMIT = settings.AXES_FAILURE_LIMIT
OFFICE_PC = "10.1.2.3"
OTHER_PC = "10.1.2.4"


def attempt(client, username, password, address=OFFICE_PC):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def fail(client, username, times, address=OFFICE_PC):
    for _ in range(times):
        assert attempt(client, username, "wrong-password", address).status_code == 200


def lock_out(client, username):
    fail(client, username, LIMIT - 1)
    assert attempt(client, username, "wrong-password").status_code == 429


def test_the_limit_is_five_failures_and_the_cool_off_a_quarter_of_an_hour():
    assert LIMIT == 5
    assert timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_locked_out_after_the_limit_with_a_chinese_message(client, bank):
    fail(client, "head_a", LIMIT - 1)
    locked = attempt(client, "head_a", "wrong-password")
    assert locked.status_code == 429
    body = locked.content.decode()
    assert 'data-testid="login-locked"' in body
    assert "登录失败次数过多" in body and "15" in body
    assert 'name="csrfmiddlewaretoken"' in body  # still the login page, with its form
    right_password = attempt(client, "head_a", PASSWORD)
    assert right_password.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_message_in_english_when_chosen(client, bank):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    fail(client, "head_a", LIMIT - 1)
    body = attempt(client, "head_a", "wrong-password").content.decode()
    assert "Too many failed logins: you can try again in 15 minutes" in body


def test_lockout_is_per_user_name_and_address(client, bank):
    lock_out(client, "head_a")
    assert attempt(client, "head_a", PASSWORD, address=OTHER_PC).status_code == 302
    client.logout()
    assert attempt(client, "head_b", PASSWORD).status_code == 302


def test_unknown_user_names_are_locked_out_alike(client, db):
    """No way to tell existing user names from the lockout either."""
    fail(client, "nobody-here", LIMIT - 1)
    assert attempt(client, "nobody-here", "whatever").status_code == 429


def test_success_resets_the_count(client, bank):
    fail(client, "head_a", LIMIT - 1)
    assert attempt(client, "head_a", PASSWORD).status_code == 302
    client.logout()
    fail(client, "head_a", LIMIT - 1)
    assert attempt(client, "head_a", PASSWORD).status_code == 302


def test_login_works_again_after_the_cool_off(client, bank):
    lock_out(client, "head_a")
    assert attempt(client, "head_a", PASSWORD).status_code == 429
    earlier = timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    AccessAttempt.objects.update(attempt_time=earlier)
    assert attempt(client, "head_a", PASSWORD).status_code == 302


def test_admin_site_login_is_locked_out_too(client, bank):
    url = reverse("admin:login")
    for _ in range(LIMIT):
        client.post(url, {"username": "admin", "password": "wrong"}, REMOTE_ADDR=OFFICE_PC)
    assert attempt(client, "admin", PASSWORD).status_code == 429


@pytest.mark.parametrize("password", [PASSWORD, "wrong-password"])
def test_authenticate_without_a_request_still_answers(bank, password):
    """The test client's login() and shells call authenticate() without a request."""
    from django.contrib.auth import authenticate

    user = authenticate(username="head_a", password=password)
    assert (user == bank.head_a) is (password == PASSWORD)
