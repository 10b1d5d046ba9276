"""Integration tokens are throttled (API_TOKEN_THROTTLE_RATE per token); people's browser
sessions are not. The suite and the benchmarks run under the high default rate."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from rest_framework.authtoken.models import Token

from config.throttles import IntegrationTokenThrottle

# Counted in a cache of the test's own, not the shared Redis of other test runs.
LOW_RATE = override_settings(
    API_TOKEN_THROTTLE_RATE="3/minute",
    CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
)


@pytest.fixture
def token(bank) -> str:
    return Token.objects.create(user=bank.integration).key


def get_managers(client, **headers):
    return client.get(reverse("api:manager-list"), **headers)


def test_default_rate_is_high_enough_for_integrations():
    from managers.api.views import AccountManagerViewSet

    assert settings.API_TOKEN_THROTTLE_RATE == "600/minute"
    throttles = AccountManagerViewSet().get_throttles()
    assert any(isinstance(t, IntegrationTokenThrottle) for t in throttles)


@LOW_RATE
def test_the_request_over_the_rate_gets_429(client, token):
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    for _ in range(3):
        assert get_managers(client, **auth).status_code == 200
    refused = get_managers(client, **auth)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "detail" in refused.json()


@LOW_RATE
def test_each_token_has_its_own_count(client, bank, token):
    other = Token.objects.create(user=bank.hr).key
    for _ in range(3):
        get_managers(client, HTTP_AUTHORIZATION=f"Token {token}")
    assert get_managers(client, HTTP_AUTHORIZATION=f"Token {other}").status_code == 200


@LOW_RATE
def test_browser_sessions_are_not_throttled(client, bank):
    client.force_login(bank.hr)
    for _ in range(5):
        assert get_managers(client).status_code == 200


@override_settings(API_TOKEN_THROTTLE_RATE=None)
def test_no_rate_means_unlimited(client, token):
    for _ in range(5):
        assert get_managers(client, HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
