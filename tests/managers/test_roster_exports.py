"""The roster in Excel and CSV: Chinese headers, real dates and numbers, frozen header,
autofilter, a title row naming unit and date; scoped like the page."""

import csv
import datetime
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from openpyxl import load_workbook

from performance.models import SuggestedAction
from tests.factories import AccountManagerFactory, CustomerFactory, appoint
from tests.performance.helpers import evaluate, held, monthly, result_of


@pytest.fixture
def graded_bank(bank, levels):
    appoint(bank.am_a, levels["L3"], start=date(2026, 1, 1), proposer=bank.head_a, approver=bank.hr)
    appoint(bank.am_b, levels["L2"], start=date(2026, 1, 1), proposer=bank.head_b, approver=bank.hr)
    return bank


def download(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return b"".join(response.streaming_content)


def read_xlsx(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def rows_by_employee(sheet) -> dict:
    header = [cell.value for cell in sheet[2]]
    return {
        row[0]: dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=3, values_only=True)
    }


def test_xlsx_from_the_api_reads_back_with_types(graded_bank, api_client_for):
    bank = graded_bank
    sheet = read_xlsx(download(api_client_for(bank.hr), "/api/v1/roster/xlsx/"))
    today = timezone.localdate().isoformat()
    assert sheet["A1"].value == f"客户经理花名册 · 江南分行 · {today}"
    header = [cell.value for cell in sheet[2]]
    assert header[:7] == ["工号", "姓名", "机构", "条线", "状态", "客户经理等级", "行员等级"]
    assert "通讯费（元/月）" in header and "聘期届满日" in header
    assert sheet.freeze_panes == "C3"
    assert sheet.auto_filter.ref == f"A2:R{2 + 3}"

    rows = rows_by_employee(sheet)
    assert set(rows) == {
        bank.am_a.employee_number,
        bank.am_a1.employee_number,
        bank.am_b.employee_number,
    }
    row = rows[bank.am_a.employee_number]
    assert row["姓名"] == "甲经理" and row["客户经理等级"] == "三级客户经理"
    assert row["行员等级"] == 8
    assert row["通讯费（元/月）"] == 160 and row["两费合计（元/月）"] == 160
    assert row["聘任起始日"] == datetime.datetime(2026, 1, 1)
    assert row["聘期届满日"] == datetime.datetime(2026, 12, 31)
    assert isinstance(row["入行日期"], datetime.datetime)
    assert rows[bank.am_a1.employee_number]["客户经理等级"] is None  # not yet graded
    date_cell = next(c for c in sheet[3] if isinstance(c.value, datetime.datetime))
    assert date_cell.number_format == "yyyy-mm-dd"


def test_export_is_scoped_and_filtered(graded_bank, api_client_for, levels):
    bank = graded_bank
    sheet = read_xlsx(download(api_client_for(bank.head_a), "/api/v1/roster/xlsx/"))
    assert set(rows_by_employee(sheet)) == {bank.am_a.employee_number, bank.am_a1.employee_number}
    assert "城东支行" in sheet["A1"].value
    sheet = read_xlsx(
        download(api_client_for(bank.hr), "/api/v1/roster/xlsx/", grade=levels["L2"].pk)
    )
    assert set(rows_by_employee(sheet)) == {bank.am_b.employee_number}


def test_export_with_bad_filter_is_400(graded_bank, api_client_for):
    response = api_client_for(graded_bank.head_a).get(
        "/api/v1/roster/xlsx/", {"unit": graded_bank.sub_b.pk}
    )
    assert response.status_code == 400 and "unit" in response.json()


def test_csv_has_a_bom_and_yuan_with_two_decimals(graded_bank, api_client_for):
    content = download(api_client_for(graded_bank.hr), "/api/v1/roster/csv/").decode("utf-8")
    assert content.startswith("\ufeff工号,姓名,机构")
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    row = next(r for r in rows if r["姓名"] == "乙经理")
    assert row["通讯费（元/月）"] == "200.00" and row["聘任起始日"] == "2026-01-01"
    assert len(rows) == 3


def test_a_name_that_looks_like_a_formula_stays_text(bank, levels, api_client_for):
    AccountManagerFactory(unit=bank.sub_a, name="=HYPERLINK(1)")
    sheet = read_xlsx(download(api_client_for(bank.hr), "/api/v1/roster/xlsx/"))
    names = [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert "=HYPERLINK(1)" in names
    content = download(api_client_for(bank.hr), "/api/v1/roster/csv/").decode("utf-8")
    assert "'=HYPERLINK(1)" in content


def test_page_download_buttons_keep_the_filters(graded_bank, client, levels):
    client.force_login(graded_bank.hr)
    sheet = read_xlsx(download(client, "/grades/roster/download.xlsx", unit=graded_bank.sub_b.pk))
    assert set(rows_by_employee(sheet)) == {graded_bank.am_b.employee_number}
    assert "城西支行" in sheet["A1"].value
    content = download(client, "/grades/roster/download.csv", q="甲").decode("utf-8")
    assert "甲经理" in content and "乙经理" not in content


def test_allowances_follow_the_scheme(graded_bank, api_client_for, levels):
    levels["L3"].transport_allowance = Decimal("120.50")
    levels["L3"].save()
    sheet = read_xlsx(download(api_client_for(graded_bank.hr), "/api/v1/roster/xlsx/"))
    row = rows_by_employee(sheet)[graded_bank.am_a.employee_number]
    assert row["交通费（元/月）"] == 120.5 and row["两费合计（元/月）"] == 280.5


def test_the_latest_evaluation_gives_the_last_two_columns(bank, levels, api_client_for):
    """R-ELG-5: the latest period counts, not the evaluation finished last. am_a (L4) has
    3,800万 all year but a substandard loan in August: Q2 makes them an L3 promotion
    candidate, Q3 (evaluated first) finds no grade (R-ELG-3)."""
    appoint(bank.am_a, levels["L4"], start=date(2025, 1, 1), proposer=bank.head_a, approver=bank.hr)
    customer = CustomerFactory(unit=bank.sub_a)
    monthly(customer, 2026, range(1, 8), deposit_wan=3800)
    monthly(customer, 2026, [8, 9], deposit_wan=3800, loan_wan=100, loan_class=3)
    monthly(customer, 2025, range(1, 13), deposit_wan=3800)
    held(customer, bank.am_a, bank.hr)
    evaluate(2026, 3)
    earlier = evaluate(2026, 2)  # finished last
    assert result_of(earlier, bank.am_a).action == SuggestedAction.PROMOTION_CANDIDATE

    sheet = read_xlsx(download(api_client_for(bank.hr), "/api/v1/roster/xlsx/"))
    rows = {row[0]: row for row in sheet.iter_rows(min_row=3, values_only=True)}
    with translation.override("zh-hans"):
        expected = (translation.gettext("No grade"), str(SuggestedAction.DEMOTION_RISK.label))
        below = str(SuggestedAction.BELOW_MINIMUM_LINE.label)
    assert rows[bank.am_a.employee_number][-2:] == expected
    assert rows[bank.am_b.employee_number][-2:] == (expected[0], below)
    never = AccountManagerFactory(unit=bank.sub_a)  # not evaluated yet
    content = download(api_client_for(bank.hr), "/api/v1/roster/csv/").decode("utf-8")
    lines = {row[0]: row for row in csv.reader(io.StringIO(content.lstrip("\ufeff")))}
    assert lines[never.employee_number][-2:] == ["", ""]
    assert lines[bank.am_a.employee_number][-2:] == list(expected)


def test_export_query_count_is_constant_with_evaluation_columns(bank, levels, client):
    client.force_login(bank.hr)

    def queries() -> int:
        evaluate(2026, 3)
        with CaptureQueriesContext(connection) as captured:
            download(client, "/grades/roster/download.csv")
        return len(captured.captured_queries)

    few = queries()
    for _ in range(5):
        manager = AccountManagerFactory(unit=bank.sub_b)
        appoint(
            manager, levels["L4"], start=date(2025, 1, 1), proposer=bank.head_b, approver=bank.hr
        )
    assert queries() == few
