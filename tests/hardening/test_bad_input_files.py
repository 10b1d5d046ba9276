"""Bad spreadsheets to the customer import, page and API (issue #9), and bad evidence files
on violation cases. Each is refused with the row and column (or the whole file) and a
message in Chinese, never a 500, and no business table changes (`row_counts`).

Decisions, the same in every importer (managers.import_files; figures in
test_bad_input_figures.py):
- a formula cell is read as the value Excel saved with it (what the person saw, as
  tests/customers/test_import_limits.py checks); a formula saved without a value (files
  written by programs) is refused by row and column instead of being read as empty;
- in merged cells only the top-left cell has a value (as Excel stores them): the other
  rows read empty, so a required column reports them;
- only the first sheet is read: data on another sheet is "the file is empty";
- NUL characters in a cell are refused (PostgreSQL cannot store them);
- the customer import refuses a file over 10 MB unread, and one of more than
  CUSTOMER_IMPORT_MAX_ROWS (100,000) rows while reading: a CSV is counted before any row
  is parsed.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from customers.models import Customer
from tests.hardening.bad_files import (
    CUSTOMER_HEADER,
    NOT_A_WORKBOOK,
    as_csv,
    as_xlsx,
    assert_problem,
    customer_rows,
    hr_browser,
    million_numbers_csv,
    million_row_csv,
    with_cell,
)
from tests.hardening.row_counts import changed_counts, row_counts

pytestmark = pytest.mark.django_db


def customer_cases(world) -> dict[str, tuple[str, bytes, tuple]]:
    """id → (file name, content, (row, column, words of the message))."""
    rows = customer_rows(world)
    header = CUSTOMER_HEADER
    return {
        "nul-in-name": (
            "c.csv",
            as_csv(header, with_cell(rows, 0, 1, "坏\x00公司")),
            (2, "客户名称", "NUL"),
        ),
        "nul-in-number": (
            "c.csv",
            as_csv(header, with_cell(rows, 1, 0, "BAD\x0099")),
            (3, "客户号", "NUL"),
        ),
        "huge-name": (
            "c.csv",
            as_csv(header, with_cell(rows, 0, 1, "长" * 100_000)),
            (2, "客户名称", "200"),
        ),
        "zero-width-in-number": (
            "c.csv",
            as_csv(header, with_cell(rows, 0, 0, "BAD\u200b00001")),
            (2, "客户号", "不可见字符"),
        ),
        "rtl-mark-in-manager": (
            "c.csv",
            as_csv(header, with_cell(rows, 1, 7, "\u200f" + rows[1][7])),
            (3, "主管客户经理工号", "不可见字符"),
        ),
        "data-after-1000-empty-rows": (
            "c.csv",
            as_csv(header, [rows[0], *([[""] * 9] * 1000), rows[1]]),
            (None, None, "第 1003 行之前有 1,000 个空行"),
        ),
        "formula-amount": (
            "c.xlsx",
            as_xlsx(header, with_cell(rows, 0, 6, "=1+1")),
            (2, "日均存款(元)", "公式"),
        ),
        "formula-hyperlink": (
            "c.xlsx",
            as_xlsx(header, with_cell(rows, 1, 1, '=HYPERLINK("http://example.com","甲")')),
            (3, "客户名称", "公式"),
        ),
        "merged-cells": ("c.xlsx", as_xlsx(header, rows, merge="C2:C3"), (3, "客户类型", "必填")),
        "second-sheet": ("c.xlsx", as_xlsx(header, rows, sheet=1), (None, None, "第一行")),
        "header-only": ("c.xlsx", as_xlsx(header, []), (None, None, "没有客户")),
        "header-only-csv": ("c.csv", as_csv(header, []), (None, None, "没有客户")),
        "wrong-header": (
            "c.csv",
            as_csv(("编号", *header[1:]), rows),
            (1, "客户号", "缺少必填列"),
        ),
        "not-a-workbook": ("c.xlsx", "客户号,客户名称\n".encode(), (None, None, NOT_A_WORKBOOK)),
        "empty-file": ("c.xlsx", b"", (None, None, "文件为空")),
        "wrong-extension": ("c.xls", as_xlsx(header, rows), (None, None, ".xlsx")),
    }


def import_customers_api(world, name: str, content: bytes):
    client = APIClient()
    client.force_authenticate(world.bank.hr)
    upload = SimpleUploadedFile(name, content)
    return client.post("/api/v1/customers/import/", {"file": upload}, format="multipart")


def test_the_good_customer_files_are_imported(world):
    """…with full-width digits in amounts and numbers, read as the digits they are."""
    rows = with_cell(customer_rows(world), 0, 6, "６０００００")
    rows = with_cell(rows, 1, 0, "ＢＡＤ００００２")
    for name, content in (
        ("c.csv", as_csv(CUSTOMER_HEADER, rows)),
        ("c.xlsx", as_xlsx(CUSTOMER_HEADER, rows)),
    ):
        response = import_customers_api(world, name, content)
        assert response.status_code == 200, response.content.decode()
    assert Customer.objects.get(number="BAD00001").deposit_daily_avg == 600_000
    assert Customer.objects.filter(number="BAD00002").exists()


CUSTOMER_CASES = (
    "nul-in-name",
    "nul-in-number",
    "huge-name",
    "zero-width-in-number",
    "rtl-mark-in-manager",
    "data-after-1000-empty-rows",
    "formula-amount",
    "formula-hyperlink",
    "merged-cells",
    "second-sheet",
    "header-only",
    "header-only-csv",
    "wrong-header",
    "not-a-workbook",
    "empty-file",
    "wrong-extension",
)


# The page's form refuses an empty upload itself, in Django's words.
PAGE_WORDS = {"empty-file": "空文件"}


@pytest.mark.parametrize("case", CUSTOMER_CASES)
def test_a_bad_customer_file_through_the_api(world, case):
    name, content, expected = customer_cases(world)[case]
    before = row_counts()
    response = import_customers_api(world, name, content)
    assert response.status_code == 400, response.content.decode()[:500]
    assert_problem(response.json(), expected)
    assert changed_counts(before, row_counts()) == {}


@pytest.mark.parametrize("case", CUSTOMER_CASES)
def test_a_bad_customer_file_on_the_page(world, case):
    name, content, expected = customer_cases(world)[case]
    browser = hr_browser(world)
    before = row_counts()
    upload = SimpleUploadedFile(name, content)
    response = browser.post(reverse("customer-import"), {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    words = PAGE_WORDS.get(case, expected[2])
    assert words in page, page[-3000:]
    assert changed_counts(before, row_counts()) == {}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_customer_rows_over_the_limit_are_refused_while_reading(world, kind, monkeypatch):
    """The row limit (CUSTOMER_IMPORT_MAX_ROWS, 100,000) set to 3 to take the same path
    with a small file: row 5 is the 4th customer, and nothing is saved."""
    from customers import imports

    monkeypatch.setattr(imports, "MAX_DATA_ROWS", 3)
    rows = customer_rows(world, count=4)
    content = as_csv(CUSTOMER_HEADER, rows) if kind == "csv" else as_xlsx(CUSTOMER_HEADER, rows)
    before = row_counts()
    response = import_customers_api(world, f"c.{kind}", content)
    assert response.status_code == 400
    assert_problem(response.json(), (None, None, "超过 3 行"))
    assert changed_counts(before, row_counts()) == {}


def test_a_million_customer_rows_are_refused(world):
    """A real 1,000,000-row CSV: refused for its size before a row is read…"""
    content = million_row_csv(CUSTOMER_HEADER, customer_rows(world, count=1)[0])
    assert content.count(b"\n") == 1_000_001
    before = row_counts()
    response = import_customers_api(world, "c.csv", content)
    assert response.status_code == 400
    assert_problem(response.json(), (None, None, "超过 10 MB"))
    assert changed_counts(before, row_counts()) == {}


def test_a_million_short_customer_rows_stop_at_the_row_limit(world):
    """…and one small enough to pass the size check stops at the 100,001st row."""
    content = million_numbers_csv(CUSTOMER_HEADER)
    assert len(content) < 10 * 1024 * 1024 and content.count(b"\n") == 1_000_001
    before = row_counts()
    response = import_customers_api(world, "c.csv", content)
    assert response.status_code == 400
    assert_problem(response.json(), (None, None, "超过 100,000 行"))
    assert changed_counts(before, row_counts()) == {}


# --- evidence files on violation cases (R-PRO, compliance) -------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("空.pdf", b"", "空"),
        ("program.pdf", b"MZ\x90\x00 not a pdf", "PDF"),
        ("table.xlsx", b"PK\x03\x04 not a zip", "PDF"),
        ("script.html", b"<script>alert(1)</script>", "PDF"),
        ("invoice\u202egpj.exe", b"MZ\x90\x00", "PDF"),
    ],
    ids=["empty", "exe-named-pdf", "broken-xlsx", "html", "rtl-override-name"],
)
def test_a_bad_evidence_file(world, name, content, words):
    """Evidence is recognised by its content (compliance.evidence_files): anything else is
    refused naming the file, and the case keeps the evidence it had."""
    case = world.sides["a"].objects["violation"]
    client = APIClient()
    client.force_authenticate(world.bank.compliance)
    before = row_counts()
    response = client.post(
        f"/api/v1/violations/{case.pk}/evidence/",
        {"evidence": [SimpleUploadedFile(name, content)]},
        format="multipart",
    )
    assert response.status_code == 400, response.content.decode()[:300]
    assert words in json_text(response), json_text(response)
    assert changed_counts(before, row_counts()) == {}


def test_a_good_evidence_file_is_kept(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = world.sides["a"].objects["violation"]
    client = APIClient()
    client.force_authenticate(world.bank.compliance)
    response = client.post(
        f"/api/v1/violations/{case.pk}/evidence/",
        {"evidence": [SimpleUploadedFile("记录.pdf", PDF)]},
        format="multipart",
    )
    assert response.status_code in (200, 201), response.content.decode()[:300]


def json_text(response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)
