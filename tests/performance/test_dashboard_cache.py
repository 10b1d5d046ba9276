"""The dashboard's figure aggregates (R-RPT-3) are cached until the figures change: a new
import shows at once, and an unreachable cache only costs time. The live counts over all
customers are kept five minutes."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from performance.dashboard_cache import forget_cached
from performance.figure_rollups import rollup_all
from performance.rule_defaults import wan
from tests.factories import CustomerFactory
from tests.performance.dashboard_bank import build_small_bank
from tests.performance.helpers import held, monthly
from tests.performance.test_dashboard import page, tile


@pytest.fixture
def small_bank(bank, levels):
    return build_small_bank(bank, levels)


def september_loans(client, user):
    client.force_login(user)
    months = client.get(reverse("dashboard")).context["months"]
    return {row.month: row for row in months}[9].loans


def test_figures_written_show_once_the_roll_up_says_so(
    client, small_bank, django_capture_on_commit_callbacks
):
    before = september_loans(client, small_bank.head_a)
    customer = CustomerFactory(unit=small_bank.sub_a)
    monthly(customer, 2026, [9], deposit_wan=0, loan_wan=500, loan_class=1)
    held(customer, small_bank.am_a, small_bank.head_a)

    assert september_loans(client, small_bank.head_a) == before  # still the cached trend
    with django_capture_on_commit_callbacks(execute=True):
        rollup_all([2026])  # what every import and bulk load ends with
    assert september_loans(client, small_bank.head_a) == before + wan(500)


def test_the_second_visit_reads_figures_and_results_from_the_cache(client, small_bank):
    client.force_login(small_bank.head_a)
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("dashboard"))
    with CaptureQueriesContext(connection) as second:
        client.get(reverse("dashboard"))

    def heavy(captured):
        tables = ("performance_monthlyfigure", "performance_evaluationresult")
        return [q for q in captured.captured_queries if any(t in q["sql"] for t in tables)]

    assert heavy(first)
    assert heavy(second) == []


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on the discard port
        }
    }
)
def test_an_unreachable_cache_only_costs_time(client, small_bank):
    assert september_loans(client, small_bank.head_a) == wan(300)


def test_live_counts_are_kept_five_minutes_and_the_page_says_when(client, small_bank):
    before = tile(page(client, small_bank.head_a), "unassigned").value
    CustomerFactory(unit=small_bank.sub_a)  # nobody holds it
    response = page(client, small_bank.head_a)
    assert tile(response, "unassigned").value == before  # counted a moment ago
    assert "统计于" in response.content.decode()
    forget_cached()  # as the five minutes' timeout, an import or an evaluation do
    assert tile(page(client, small_bank.head_a), "unassigned").value == before + 1
