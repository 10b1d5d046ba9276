"""Production settings pass Django's deployment checklist, and every response carries the
security headers (HSTS over HTTPS, framing, sniffing, referrer, opener, CSP)."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "am-office.example.cn",
    "SECURE_COOKIES": "1",
    "BEHIND_TLS_PROXY": "1",
}


def run_in_production(*args: str) -> subprocess.CompletedProcess:
    """`args` run by Python with the production environment (the suite's database and
    broker kept, every security variable left at its production default)."""
    test_only = ("SECURE_", "SESSION_", "DJANGO_ALLOW_ASYNC_UNSAFE")  # the browser tests set it
    keep = {k: v for k, v in os.environ.items() if not k.startswith(test_only)}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=keep | PRODUCTION_ENV | {"DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_settings():
    result = run_in_production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def production_settings(*names: str) -> dict:
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: str(getattr(settings, n)) for n in {names!r}}}))"
    )
    result = run_in_production("-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_defaults_are_the_secure_ones():
    values = production_settings(
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_EXPIRE_AT_BROWSER_CLOSE",
        "SESSION_IDLE_TIMEOUT",
        "API_TOKEN_THROTTLE_RATE",
    )
    assert values["DEBUG"] == "False"
    assert values["SECURE_SSL_REDIRECT"] == "True"
    assert int(values["SECURE_HSTS_SECONDS"]) >= 365 * 24 * 3600
    assert values["SESSION_COOKIE_SECURE"] == values["CSRF_COOKIE_SECURE"] == "True"
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] == "True"
    assert 0 < int(values["SESSION_IDLE_TIMEOUT"]) <= 3600
    assert values["API_TOKEN_THROTTLE_RATE"] not in ("", "None")


HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@pytest.mark.parametrize("url_name", ["login", "home", "api:manager-list", "api-schema"])
def test_security_headers_on_pages_and_api(client, bank, url_name):
    if url_name != "login":
        client.force_login(bank.hr)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    for header, value in HEADERS.items():
        assert response[header] == value, header
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


def test_hsts_is_sent_over_https(client, db):
    with override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True):
        response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_plain_http_is_redirected_to_https_except_the_health_check(client, db):
    with override_settings(SECURE_SSL_REDIRECT=True):
        login = client.get(reverse("login"))
        health = client.get(reverse("healthz"))
    assert login.status_code == 301 and login["Location"].startswith("https://")
    assert health.status_code == 200


EXTERNAL_ASSET = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", re.IGNORECASE)


def test_templates_load_nothing_from_other_sites():
    """What lets the CSP say `default-src 'self'`: every script, style and image is ours."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if EXTERNAL_ASSET.search(path.read_text(encoding="utf-8"))
    ]
    assert not offenders
