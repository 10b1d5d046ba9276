"""CSRF: every page view is protected by Django's middleware, except the two uploads that
check the token themselves once their size guard has run; the API checks it for browser
sessions (DRF) and needs none for tokens. (That every form on every page carries the token
is checked by the permission matrix, which renders them all.)"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.hardening.routes import all_routes

# Page views that skip the middleware's check, and why that is safe.
CSRF_EXEMPT_PAGES = {
    "figure-import": "checks the token itself (csrf_protect) after refusing an oversized body",
    "customer-import": "the same, for customer files",
}


def test_only_the_listed_pages_are_exempt_from_the_csrf_middleware():
    pages = {name: route for name, route in all_routes().items() if not route.is_api}
    exempt = {name for name, route in pages.items() if getattr(route.view, "csrf_exempt", False)}
    assert exempt == set(CSRF_EXEMPT_PAGES)


@pytest.fixture
def strict_client() -> Client:
    return Client(enforce_csrf_checks=True)


def test_login_without_token_is_refused(strict_client, bank):
    response = strict_client.post(reverse("login"), {"username": "hr", "password": PASSWORD})
    assert response.status_code == 403


@pytest.mark.parametrize("url_name", sorted(CSRF_EXEMPT_PAGES))
def test_exempt_uploads_still_refuse_a_post_without_token(strict_client, bank, url_name):
    strict_client.force_login(bank.hr)
    response = strict_client.post(reverse(url_name), {})
    assert response.status_code == 403


def test_page_form_without_token_is_refused(strict_client, bank):
    strict_client.force_login(bank.am_a_user)
    response = strict_client.post(reverse("outing-create"), {"destination": "城东"})
    assert response.status_code == 403


def test_api_with_a_browser_session_needs_the_token(strict_client, bank):
    strict_client.force_login(bank.hr)
    response = strict_client.post(
        reverse("api:evaluation-list"), {}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_api_with_a_token_needs_no_csrf_token(strict_client, bank):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=bank.integration)
    response = strict_client.post(
        reverse("api:evaluation-list"),
        {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code == 400  # refused for its content, not for CSRF
