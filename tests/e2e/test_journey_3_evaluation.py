"""Journey 3 (R-ELG-1…5, R-GRD): HR imports a customer's monthly figures from a .csv, runs
the quarter's evaluation, which a real Celery worker computes while the progress bar fills
up to 100%, sees the account manager as a promotion candidate, exports the grade roster to
Excel and the test opens the downloaded file: the account manager's row carries the
eligible grade. The account manager then opens their own indicators and sees what the next
grade asks."""

import re
from datetime import date

from openpyxl import load_workbook
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


def roster_rows(path) -> dict[str, dict]:
    """The downloaded roster's rows by employee number (row 1 is the title, 2 the header)."""
    sheet = load_workbook(path).active
    header = [cell.value for cell in sheet[2]]
    return {
        row[0]: dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=3, values_only=True)
    }


def test_hr_imports_figures_runs_the_quarter_exports_the_roster_and_the_manager_reads_it(
    page, live_server, bank, celery_worker, tmp_path, steps
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
    steps.shot(page, "figures-imported")

    page.goto(f"{live_server.url}/performance/evaluations/")
    page.fill("#id_period", "2026Q3")
    page.click("[data-testid=run-form] button[type=submit]")
    progress = page.get_by_test_id("evaluation-progress")
    expect(progress).to_be_visible()
    steps.shot(page, "evaluation-running")
    bar = progress.get_by_role("progressbar")
    expect(bar).to_have_attribute("aria-valuenow", "100", timeout=60_000)  # the worker ran
    expect(bar).to_have_text("100%")
    expect(progress).not_to_have_attribute("hx-get", re.compile(".*"))  # polling stopped
    row = page.get_by_test_id(f"result-{bank.am_a.employee_number}")
    expect(row).to_be_visible(timeout=30_000)  # the page refreshed itself
    expect(row.get_by_test_id("eligible")).to_have_text("三级客户经理")
    expect(row).to_contain_text("晋升候选")
    expect(row).to_contain_text("3,800.00")
    steps.shot(page, "evaluation-done")

    page.goto(f"{live_server.url}/grades/roster/")
    with page.expect_download() as download_info:
        page.get_by_test_id("download-xlsx").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    rows = roster_rows(saved)
    assert set(rows) == {
        bank.am_a.employee_number,
        bank.am_a1.employee_number,
        bank.am_b.employee_number,
    }  # the whole branch, HR's scope
    am_a = rows[bank.am_a.employee_number]
    assert am_a["姓名"] == "甲经理" and am_a["机构"] == "城东支行"
    assert am_a["客户经理等级"] == "四级客户经理"
    assert am_a["最近评定可达等级"] == "三级客户经理"
    assert am_a["建议处理"] == "晋升候选"

    page.context.clear_cookies()
    log_in(page, live_server.url, "am_a")
    page.wait_for_url(lambda url: "/login/" not in url)
    page.goto(f"{live_server.url}/performance/my-indicators/")
    expect(page.get_by_test_id("eligible")).to_have_text("三级客户经理")
    expect(page.get_by_test_id("action")).to_contain_text("晋升候选")
    steps.shot(page, "my-indicators")
