"""Journey (R-ELG-1…5): HR imports a customer's monthly figures from a .csv, runs the
quarter's evaluation, which a real Celery worker computes while the page shows progress,
sees the account manager as a promotion candidate; the account manager opens their own
indicators and sees what the next grade asks."""

from datetime import date

from playwright.sync_api import expect

from performance.figure_files import COLUMNS
from tests.e2e.test_login import log_in
from tests.factories import CustomerFactory, appoint, default_rule_set, grade_levels
from tests.performance.helpers import held


def figures_csv(tmp_path, number: str):
    header = ",".join(column.header for column in COLUMNS)
    rows = [
        f"{number},{year}-{month:02d},38000000,0,0,,0,0,0"
        for year in (2025, 2026)
        for month in range(1, 13 if year == 2025 else 10)
    ]
    path = tmp_path / "figures.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_hr_imports_figures_runs_the_quarter_and_the_manager_reads_the_result(
    page, browser, live_server, bank, celery_worker, tmp_path
):
    levels = grade_levels()
    default_rule_set()
    appoint(bank.am_a, levels["L4"], start=date(2025, 1, 1), proposer=bank.head_a, approver=bank.hr)
    customer = CustomerFactory(unit=bank.sub_a, number="E2E0001")
    held(customer, bank.am_a, bank.hr)

    log_in(page, live_server.url, "hr")
    page.wait_for_url(lambda url: "/login/" not in url)
    page.goto(f"{live_server.url}/performance/figures/import/")
    page.set_input_files("input[type=file]", str(figures_csv(tmp_path, "E2E0001")))
    page.click("[data-testid=import-form] button[type=submit]")
    expect(page.get_by_text("业绩数据已导入")).to_be_visible()

    page.goto(f"{live_server.url}/performance/evaluations/")
    page.fill("#id_period", "2026Q3")
    page.click("[data-testid=run-form] button[type=submit]")
    expect(page.get_by_test_id("evaluation-progress")).to_be_visible()
    row = page.get_by_test_id(f"result-{bank.am_a.employee_number}")
    expect(row).to_be_visible(timeout=60_000)  # the worker ran; the page refreshed itself
    expect(row.get_by_test_id("eligible")).to_have_text("三级客户经理")
    expect(row).to_contain_text("晋升候选")
    expect(row).to_contain_text("3,800.00")

    page.context.clear_cookies()
    log_in(page, live_server.url, "am_a")
    page.wait_for_url(lambda url: "/login/" not in url)
    page.goto(f"{live_server.url}/performance/my-indicators/")
    expect(page.get_by_test_id("eligible")).to_have_text("三级客户经理")
    expect(page.get_by_test_id("action")).to_contain_text("晋升候选")
