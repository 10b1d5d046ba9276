"""Browser tests: Playwright drives Debian's Chromium (never a downloaded browser).

A failing test leaves a full-page screenshot in test-artifacts/, and the step screenshots
it took with the `steps` fixture in test-artifacts/<test name>/ (deleted when it passes).
"""

import os
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# around it are plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not executable:
        pytest.fail("Debian's chromium is not installed: run the suite with `make test`.")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _new_page(browser, request, **context_options):
    context = browser.new_context(locale="zh-CN", **context_options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def page(browser, request):
    yield from _new_page(browser, request, viewport={"width": 1280, "height": 800})


@pytest.fixture
def phone_page(browser, request):
    yield from _new_page(browser, request, viewport={"width": 390, "height": 844}, is_mobile=True)


class Steps:
    """Numbered screenshots of a journey's steps: test-artifacts/<test>/NN-<label>.png."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.taken = 0

    def shot(self, page, label: str) -> None:
        self.taken += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(self.folder / f"{self.taken:02d}-{label}.png"), full_page=True)


@pytest.fixture
def steps(request):
    """Kept when the test fails, so the steps up to the failure can be looked at."""
    folder = ARTIFACTS / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    yield Steps(folder)
    report = getattr(request.node, "report_call", None)
    if report is not None and report.passed:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def catalogues(transactional_db):
    """The rows the migrations seed — grade scheme, 2026 rule set, prohibitions, meeting
    types and fine rates — re-installed when an earlier (flushing) live-server test
    removed them."""
    from compliance.fines import DEFAULT_FINES, FineRate
    from compliance.prohibition_defaults import install_prohibitions
    from compliance.prohibitions import Prohibition
    from meetings.defaults import install_default_types
    from meetings.models import MeetingType
    from tests.factories import default_rule_set, grade_levels

    install_prohibitions(Prohibition)
    install_default_types(MeetingType)
    for reason, (amount, minimum) in DEFAULT_FINES.items():
        FineRate.objects.get_or_create(
            reason=reason, defaults={"amount": amount, "minimum": minimum}
        )
    default_rule_set()
    return grade_levels()
