"""Journey 5 (R-ORG-1, R-ORG-2): an account manager of sub-branch A, logged in in a real
browser, cannot open any page of sibling sub-branch B. The objects are the permission
matrix's (tests/hardening/objects.py: one of every kind on each side, each carrying its
side's marker text); the routes are every page and API route of the matrix that takes
the id of one. For each, B's object answers 403 or 404 and the answer shows none of B's
data (its marker, unit, account manager and customer names); the same page with A's
object opens, so the URLs are real. Every list page, even asked for B's unit, shows none
of B's data either."""

from types import SimpleNamespace

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from managers.choices import Role
from tests.e2e.test_login import log_in
from tests.hardening.matrix import GLOBAL, MATRIX, expected_statuses
from tests.hardening.objects import build_world
from tests.hardening.responses import body_text
from tests.hardening.routes import all_routes

ROUTES = all_routes()
ME = "am_a_user"
OBJECT_ROUTES = sorted(
    name
    for name, rule in MATRIX.items()
    if rule.subject and not rule.post_only and rule.seen_by != GLOBAL and ROUTES[name].parameters
)
LIST_PAGES = sorted(
    name
    for name, rule in MATRIX.items()
    if not ROUTES[name].parameters
    and not ROUTES[name].is_api
    and not rule.post_only
    and Role.ACCOUNT_MANAGER in rule.roles
)


@pytest.fixture
def world(bank, catalogues, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # the evidence file of each side's case
    return build_world(bank)


def answer(page, url: str) -> tuple[int, str]:
    """Status and text of `url` in the logged-in browser: a page is navigated to (so it
    renders as the user sees it), a file download is read through the same session."""
    fetched = page.request.get(url, max_redirects=0)
    if not fetched.headers.get("content-type", "").startswith("text/html"):
        return fetched.status, body_text(SimpleNamespace(content=fetched.body()))
    response = page.goto(url)
    return response.status, page.locator("body").inner_text()


def leaks(text: str, world) -> list[str]:
    return [marker for marker in world.sides["b"].markers if marker in text]


def test_an_account_manager_of_a_opens_no_page_of_b(page, live_server, world, steps):
    log_in(page, live_server.url, "am_a")
    expect(page.get_by_test_id("who")).to_contain_text("城东支行")
    problems, shot = [], False
    for name in OBJECT_ROUTES:
        rule, parameter = MATRIX[name], ROUTES[name].parameters[0]
        theirs = reverse(name, kwargs={parameter: world.pk(rule.subject, "b")})
        status, text = answer(page, f"{live_server.url}{theirs}")
        if status not in (403, 404):
            problems.append(f"{theirs} ({name}): {status}")
        if leaks(text, world):
            problems.append(f"{theirs} ({name}) shows {leaks(text, world)}")
        if not shot and not ROUTES[name].is_api:
            steps.shot(page, f"refused-{name}")
            shot = True
        if expected_statuses(rule, ME, Role.ACCOUNT_MANAGER, "a") == {200}:
            mine = reverse(name, kwargs={parameter: world.pk(rule.subject, "a")})
            status, text = answer(page, f"{live_server.url}{mine}")
            if status != 200 or not any(m in text for m in world.sides["a"].markers):
                problems.append(f"{mine} ({name}), A's own: {status}, shows none of A's data")
    assert not problems, "\n".join(problems)


def test_no_list_page_of_an_account_manager_of_a_shows_b(page, live_server, world, steps):
    log_in(page, live_server.url, "am_a")
    expect(page.get_by_test_id("who")).to_contain_text("城东支行")
    problems = []
    for name in LIST_PAGES:
        for query in ("", f"?unit={world.bank.sub_b.pk}"):
            url = f"{reverse(name)}{query}"
            status, text = answer(page, f"{live_server.url}{url}")
            if status >= 500:
                problems.append(f"{url} ({name}): {status}")
            if leaks(text, world):
                problems.append(f"{url} ({name}) shows {leaks(text, world)}")
    page.goto(f"{live_server.url}{reverse('customer-list')}")
    expect(page.locator("main")).to_contain_text(world.sides["a"].objects["customer"].name)
    steps.shot(page, "own-customers")
    assert not problems, "\n".join(problems)
