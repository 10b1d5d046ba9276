"""Bad figure files and bodies (DOMAIN §3, issue #9): the import page (.xlsx, .csv) and the
API (CSV and JSON bodies). Each is rejected with the row and column and a message in
Chinese, never a 500, and nothing is saved: the only table that changes is the figure
imports' own, which keeps the rejected import and its problems for the person to read.
The same decisions as the customer import (test_bad_input_files.py), except that figures
have no row limit: a bank's month is half a million rows, and a large file runs on a
worker.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from performance.figure_imports import figure_import_run
from performance.models import FigureImport, ImportStatus
from tests.factories import CustomerFactory
from tests.hardening.bad_files import (
    FIGURE_HEADER,
    NOT_A_WORKBOOK,
    as_csv,
    as_xlsx,
    assert_problem,
    figure_rows,
    hr_browser,
    with_cell,
)
from tests.hardening.row_counts import changed_counts, row_counts

pytestmark = pytest.mark.django_db


FIGURES_API = "/api/v1/figures/"
REJECTED_RECORD = {"performance.FigureImport"}  # the rejected import, kept with its problems


def figure_cases(world) -> dict[str, tuple[str, bytes, tuple]]:
    rows = figure_rows(world)
    header = FIGURE_HEADER
    return {
        "nul-in-number": (
            "f.csv",
            as_csv(header, with_cell(rows, 0, 0, "C\x001")),
            (2, "客户号", "NUL"),
        ),
        "nul-in-amount": (
            "f.csv",
            as_csv(header, with_cell(rows, 0, 2, "5200\x00000")),
            (2, "日均存款(元)", "NUL"),
        ),
        "formula": (
            "f.xlsx",
            as_xlsx(header, with_cell(rows, 0, 2, "=1+1")),
            (2, "日均存款(元)", "公式"),
        ),
        "merged-cells": (
            "f.xlsx",
            as_xlsx(header, [*rows, [None, "2026-09", "1", "0"]], merge="A2:A3"),
            (3, "客户号", "必填"),
        ),
        "second-sheet": (
            "f.xlsx",
            as_xlsx(header, rows, sheet=1),
            (None, None, "第一行必须为表头"),
        ),
        "header-only": ("f.csv", as_csv(header, []), (None, None, "没有业绩数据")),
        "wrong-header": ("f.csv", as_csv(("编号", *header[1:]), rows), (1, "客户号", "缺少必填列")),
        "not-a-workbook": ("f.xlsx", b"PK\x03\x04 not a zip", (None, None, NOT_A_WORKBOOK)),
        "full-width-text-amount": (
            "f.csv",
            as_csv(header, with_cell(rows, 0, 2, "五百万")),
            (2, "日均存款(元)", "金额无效"),
        ),
    }


def assert_figures_unchanged(before) -> None:
    changed = changed_counts(before, row_counts())
    assert set(changed) <= REJECTED_RECORD, changed
    if changed:
        assert FigureImport.objects.latest("pk").status == ImportStatus.REJECTED


def test_the_good_figure_files_are_imported(world):
    rows = figure_rows(world)
    browser = hr_browser(world)
    for name, content in (
        ("f.csv", as_csv(FIGURE_HEADER, rows)),
        ("f.xlsx", as_xlsx(FIGURE_HEADER, rows)),
    ):
        browser.post(reverse("figure-import"), {"file": SimpleUploadedFile(name, content)})
        assert FigureImport.objects.latest("pk").status == ImportStatus.DONE


FIGURE_CASES = (
    "nul-in-number",
    "nul-in-amount",
    "formula",
    "merged-cells",
    "second-sheet",
    "header-only",
    "wrong-header",
    "not-a-workbook",
    "full-width-text-amount",
)


@pytest.mark.parametrize("case", FIGURE_CASES)
def test_a_bad_figure_file_on_the_page(world, case):
    name, content, expected = figure_cases(world)[case]
    browser = hr_browser(world)
    before = row_counts()
    response = browser.post(
        reverse("figure-import"), {"file": SimpleUploadedFile(name, content)}, follow=True
    )
    assert response.status_code == 200
    record = FigureImport.objects.latest("pk")
    assert record.status == ImportStatus.REJECTED
    assert_problem(record.errors, expected)
    assert expected[2] in response.content.decode()
    assert_figures_unchanged(before)


@pytest.mark.parametrize(
    "case", [c for c in FIGURE_CASES if c.startswith(("nul", "header", "wrong", "full"))]
)
def test_a_bad_figure_csv_body_through_the_api(world, case):
    _name, content, expected = figure_cases(world)[case]
    client = APIClient()
    client.force_authenticate(world.bank.hr)
    before = row_counts()
    response = client.post(FIGURES_API, content, content_type="text/csv")
    assert response.status_code == 400, response.content.decode()[:500]
    assert_problem(response.json()["errors"], expected)
    assert_figures_unchanged(before)


def figure_json(**cells) -> bytes:
    row = {"customer_number": "X", "month": "2026-08", "deposit_avg": "1", "loan_avg": 0}
    return json.dumps([row | cells]).encode()


@pytest.mark.parametrize(
    "body, expected",
    [
        (b'[{"customer_number": "C1", ', (None, None, "不是有效的 JSON")),
        (b'{"figures": "C1"}', (None, None, "请发送业绩数据列表")),
        (b'[["C1", "2026-08"]]', (None, None, "请发送业绩数据列表")),
        (b"[]", (None, None, "没有业绩数据")),
        (figure_json(customer_number="C\x001"), (1, "customer_number", "NUL")),
        (figure_json(month=202608.5), (1, "month", "YYYY-MM")),
        (figure_json(deposit_avg=None), (1, "deposit_avg", "必填")),
        (figure_json(deposit_avg={"a": 1}), (1, "deposit_avg", "金额无效")),
        (figure_json(deposit_avg="１２３", loan_avg="-1"), (1, "loan_avg", "不能为负数")),
    ],
    ids=[
        "malformed",
        "string-not-list",
        "lists-not-objects",
        "no-rows",
        "nul",
        "float-month",
        "null-required",
        "object-for-amount",
        "negative-after-full-width",
    ],
)
def test_a_bad_figure_json_body(world, body, expected):
    client = APIClient()
    client.force_authenticate(world.bank.hr)
    before = row_counts()
    response = client.post(FIGURES_API, body, content_type="application/json")
    assert response.status_code == 400, response.content.decode()[:500]
    assert_problem(response.json()["errors"], expected)
    assert_figures_unchanged(before)


def test_a_million_figure_rows_are_queued_and_one_bad_row_saves_nothing(world):
    """The figure import takes big files (a bank's month is half a million rows; no row
    limit): a real 1,000,000-row CSV body is queued for a worker (202), which reads it whole
    (run here in-process, as the worker does) and, for its one unknown customer at the end,
    rejects it with nothing saved."""
    from customers.models import Customer
    from performance.models import MonthlyFigure

    customers = Customer.objects.bulk_create(
        CustomerFactory.build(number=f"M{index:04d}", unit=world.bank.sub_a)
        for index in range(1000)
    )
    months = [b"%d-%02d" % (2000 + index // 12, index % 12 + 1) for index in range(1000)]
    header = ",".join(FIGURE_HEADER).encode() + b"\n"
    rows = b"".join(
        b"%s,%s,100.00,0\n" % (customer.number.encode(), month)
        for customer in customers
        for month in months
    )
    content = header + rows[: rows.rindex(b"\n", 0, -1) + 1] + b"UNKNOWN,2026-08,1.00,0\n"
    assert content.count(b"\n") == 1_000_001
    client = APIClient()
    client.force_authenticate(world.bank.hr)
    before = row_counts()
    response = client.post(FIGURES_API, content, content_type="text/csv")
    assert response.status_code == 202, response.content.decode()[:300]
    record = FigureImport.objects.get(pk=response.json()["id"])
    figure_import_run(record)
    record.refresh_from_db()
    assert record.status == ImportStatus.REJECTED and record.rows_total == 1_000_000
    assert record.errors == [
        {"row": 1_000_001, "column": "客户号", "message": record.errors[0]["message"]}
    ]
    assert "UNKNOWN" in record.errors[0]["message"]
    assert MonthlyFigure.objects.count() == before["performance.MonthlyFigure"]
    assert_figures_unchanged(before)
