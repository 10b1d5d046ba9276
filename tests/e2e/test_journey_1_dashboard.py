"""Journey 1 (R-RPT-1…3, R-ELG-5): sub-branch A's head logs in and reads the dashboard —
the credited figures against the plan, the attention tiles, the charts; drills into the
outlet below through the unit comparison and back up through the unit picker; then from
the number of promotion candidates to the evaluation results behind it, and from there
to the account manager's own indicators. Sub-branch B never appears.

The bank is `tests/performance/dashboard_bank.py`'s: am_a (L4) holds 3,800万 of deposits
against a 4,000万 plan → eligible L3, the one promotion candidate."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_login import log_in
from tests.performance.dashboard_bank import build_small_bank


@pytest.fixture
def small_bank(bank, catalogues):
    return build_small_bank(bank, catalogues)


def test_head_reads_the_dashboard_and_drills_into_a_unit_and_an_account_manager(
    page, live_server, small_bank, steps
):
    bank = small_bank
    log_in(page, live_server.url, "head_a")
    page.get_by_test_id("nav").get_by_role("link", name="管理驾驶舱").click()
    expect(page.locator("h1")).to_contain_text("管理驾驶舱 · 城东支行 · 2026Q3")
    expect(page.get_by_test_id("figure-deposits")).to_contain_text("3,800.00")
    expect(page.get_by_test_id("completion-deposits")).to_have_text("95.0%")
    expect(page.get_by_test_id("value-promotion_candidate")).to_have_text("1")
    expect(page.get_by_test_id("value-below_minimum_line")).to_have_text("1")  # am_a1
    expect(page.get_by_test_id("value-cases-reported")).to_have_text("1")  # A's, not B's
    expect(page.locator("[data-chart=trend] canvas")).to_have_count(1)  # ECharts drew it
    expect(page.locator("[data-chart=units] canvas")).to_have_count(1)
    expect(page.locator("#dashboard-unit option")).to_have_text(["城东支行", "城东第一网点"])
    expect(page.locator("main")).not_to_contain_text("城西支行")
    steps.shot(page, "dashboard")

    # The unit comparison: the outlet's row opens the outlet's dashboard.
    page.get_by_test_id(f"unit-{bank.outlet_a1.pk}").get_by_role("link").click()
    expect(page.locator("h1")).to_contain_text("管理驾驶舱 · 城东第一网点 · 2026Q3")
    expect(page.get_by_test_id("breadcrumb")).to_contain_text("城东支行 › 城东第一网点")
    expect(page.get_by_test_id("value-promotion_candidate")).to_have_text("0")
    expect(page.get_by_test_id("value-below_minimum_line")).to_have_text("1")
    steps.shot(page, "outlet")

    # The unit picker takes the head back up (it submits itself on change).
    page.select_option("#dashboard-unit", str(bank.sub_a.pk))
    expect(page.locator("h1")).to_contain_text("管理驾驶舱 · 城东支行 · 2026Q3")

    # From the number of promotion candidates to the list behind it…
    page.get_by_test_id("value-promotion_candidate").get_by_role("link").click()
    expect(page.get_by_test_id("result-table").locator("tbody tr")).to_have_count(1)
    row = page.get_by_test_id(f"result-{bank.am_a.employee_number}")
    expect(row.get_by_test_id("eligible")).to_have_text("三级客户经理")
    expect(row).to_contain_text("晋升候选")
    steps.shot(page, "promotion-candidates")

    # … and to the account manager's indicators.
    row.get_by_role("link", name="甲经理").click()
    expect(page.locator("h1")).to_contain_text("甲经理")
    expect(page.get_by_test_id("eligible")).to_have_text("三级客户经理")
    expect(page.get_by_test_id("action")).to_contain_text("晋升候选")
    steps.shot(page, "account-manager")
