"""The Content-Security-Policy (config/middleware.py) breaks no page in a real browser: the
pages with scripts of their own (htmx polling, charts, the language switch, Swagger UI, the
admin) load and run without one CSP violation."""

from tests.e2e.test_login import log_in

PAGES = [
    "/",
    "/managers/",
    "/performance/dashboard/",
    "/performance/evaluations/",
    "/meetings/new/",
    "/api/docs/",
    "/admin/",
]


def test_pages_run_under_the_policy_without_violations(page, live_server, bank):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    log_in(page, live_server.url, "admin")
    for path in PAGES:
        response = page.goto(f"{live_server.url}{path}")
        assert response.ok, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)  # Swagger UI ran
    page.goto(f"{live_server.url}/")
    page.select_option("#language-select", "en")  # the inline onchange handler
    page.wait_for_selector("html[lang=en]")
    assert not violations, violations
