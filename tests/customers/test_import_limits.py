"""Files refused before any row is read: too large, unknown kind, not a workbook, empty,
too long, missing columns; and what Excel does to sheets: formulas, bogus dimensions,
empty rows."""

import io
import re
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from customers import imports
from customers.models import Customer
from tests.customers.import_files import (
    HEADERS,
    IMPORT_API,
    csv_upload,
    customer_row,
    rewrite_sheet,
    table,
    with_cached_values,
    xlsx_bytes,
    xlsx_upload,
)

MB = 1024 * 1024


def refusal(response) -> str:
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert body and body[0]["row"] in (None, 1)
    return " ".join(problem["message"] for problem in body)


@pytest.fixture
def importer(bank, api_client_for):
    client = api_client_for(bank.head_a)
    return lambda upload: client.post(IMPORT_API, {"file": upload}, format="multipart")


def test_a_50_mb_upload_is_refused_unread(bank, client, importer):
    big = b"PK" + b"\0" * (50 * MB)
    assert "10 MB" in refusal(importer(SimpleUploadedFile("big.xlsx", big)))
    client.force_login(bank.head_a)
    response = client.post(reverse("customer-import"), {"file": SimpleUploadedFile("b.csv", big)})
    assert response.status_code == 200
    assert "10 MB" in response.content.decode()
    assert not Customer.objects.exists()


def test_the_guard_does_not_read_a_body_over_the_limit():
    class Unreadable:
        def read(self, *args):
            raise AssertionError("the body was read")

    guard = imports.CappedUploadHandler()
    post, files = guard.handle_raw_input(Unreadable(), {}, 50 * MB, b"boundary", "utf-8")
    assert guard.too_large and not post and not files


def test_a_file_just_over_10_mb_is_refused(importer):
    content = b"x" * (10 * MB + 100)
    assert "10 MB" in refusal(importer(SimpleUploadedFile("a.csv", content)))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("customers.xls", b"\xd0\xcf\x11\xe0 old excel"),
        ("customers.txt", b"a,b"),
        ("customers", b"a,b"),
    ],
)
def test_unknown_kinds_of_file_are_refused(importer, name, content):
    assert ".xlsx" in refusal(importer(SimpleUploadedFile(name, content)))


def zip_of(files: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return output.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        b"PK\x03\x04 this is not really a zip",
        b"just text",
        zip_of({"hello.txt": b"hello"}),
        xlsx_bytes([["客户号"]])[:-200],  # truncated
        rewrite_sheet(xlsx_bytes(table([])), lambda xml: xml.replace("</sheetData>", "")),
    ],
    ids=["bad zip", "text", "zip without workbook", "truncated", "broken sheet xml"],
)
def test_malformed_workbooks_are_refused(bank, importer, content):
    message = refusal(importer(SimpleUploadedFile("customers.xlsx", content)))
    assert ".xlsx" in message
    assert not Customer.objects.exists()


def test_a_zip_bomb_is_refused_before_unpacking(importer, monkeypatch):
    monkeypatch.setattr(imports, "MAX_UNPACKED_BYTES", 2 * MB)
    content = zip_of({"[Content_Types].xml": b"<a/>", "xl/sharedStrings.xml": b" " * (3 * MB)})
    assert len(content) < 100_000
    assert "10 MB" in refusal(importer(SimpleUploadedFile("customers.xlsx", content)))


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("empty.xlsx", b""),
        SimpleUploadedFile("empty.csv", b""),
        SimpleUploadedFile("bom.csv", b"\xef\xbb\xbf"),
        SimpleUploadedFile("blank.xlsx", xlsx_bytes([])),
    ],
    ids=["empty xlsx", "empty csv", "only a BOM", "workbook without cells"],
)
def test_empty_files_are_refused(bank, importer, upload):
    refusal(importer(upload))


def test_a_file_with_headers_only_is_refused(bank, importer):
    refusal(importer(xlsx_upload([])))
    refusal(importer(csv_upload([])))
    refusal(importer(xlsx_upload([{}, {}])))  # header and empty rows


def test_missing_required_headers_are_named(bank, importer):
    headers = [h for h in HEADERS if h not in {"机构代码", "客户来源"}]
    response = importer(xlsx_upload([customer_row(bank)], headers=headers))
    assert {(p["row"], p["column"]) for p in response.json()} == {(1, "机构代码"), (1, "客户来源")}
    assert response.status_code == 400
    response = importer(xlsx_upload([customer_row(bank)], headers=[*HEADERS, "客户号"]))
    assert {(p["row"], p["column"]) for p in response.json()} == {(1, "客户号")}


def test_more_rows_than_the_cap_are_refused(bank, importer, monkeypatch):
    monkeypatch.setattr(imports, "MAX_DATA_ROWS", 3)
    rows = [customer_row(bank, {"客户号": f"C{n}"}) for n in range(4)]
    assert "3" in refusal(importer(xlsx_upload(rows)))
    assert importer(xlsx_upload(rows[:3])).status_code == 200


def test_formulas_are_read_as_the_values_excel_saved(bank, importer):
    row = customer_row(bank, {"日均存款(元)": "=300000*2", "客户名称": '=CONCAT("城东","机械")'})
    content = xlsx_bytes(table([row]))

    def excel_saved(xml: str) -> str:
        xml = with_cached_values(xml, ["城东机械", "600000"])
        return xml.replace('<c r="B2">', '<c r="B2" t="str">')  # a text result

    content = rewrite_sheet(content, excel_saved)
    response = importer(SimpleUploadedFile("formulas.xlsx", content))
    assert response.status_code == 200, response.content
    customer = Customer.objects.get()
    assert customer.name == "城东机械" and customer.deposit_daily_avg == 600000


def test_a_bogus_dimension_and_far_away_cells_are_not_read(bank, importer):
    """A sheet claiming a million rows, with a stray cell at the bottom: the rows in between
    are not read (after 1,000 empty rows the rest of the sheet is ignored)."""
    rows = [customer_row(bank), {}, {}, customer_row(bank, {"客户号": "C2"})]

    def bogus(xml: str) -> str:
        far = '<row r="1048000"><c r="A1048000" t="inlineStr"><is><t>FAR</t></is></c></row>'
        xml = re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml)
        return xml.replace("</sheetData>", far + "</sheetData>")

    content = rewrite_sheet(xlsx_bytes(table(rows)), bogus)
    started = time.monotonic()
    response = importer(SimpleUploadedFile("bogus.xlsx", content))
    assert time.monotonic() - started < 10
    assert response.status_code == 200, response.content
    assert set(Customer.objects.values_list("number", flat=True)) == {"C1001", "C2"}


def test_rows_after_empty_rows_keep_their_excel_numbers(bank, importer):
    rows = [customer_row(bank), {}, {}, customer_row(bank, {"客户号": "C2", "开户日期": "bad"})]
    response = importer(xlsx_upload(rows))
    assert {(p["row"], p["column"]) for p in response.json()} == {(5, "开户日期")}
    response = importer(csv_upload(rows))
    assert {(p["row"], p["column"]) for p in response.json()} == {(5, "开户日期")}


def test_full_width_digits_in_amounts_are_read(bank, importer):
    row = customer_row(
        bank,
        {
            "日均存款(元)": "６００，０００．５０",
            "贷款余额(元)": "１２３",
            "主管认领比例": "６０％",
        },
    )
    response = importer(csv_upload([row]))
    assert response.status_code == 200, response.content
    customer = Customer.objects.get()
    assert str(customer.deposit_daily_avg) == "600000.50" and customer.loan_balance == 123
    assert str(customer.assignments.get().credit_share) == "0.6000"
    response = importer(csv_upload([customer_row(bank, {"日均存款(元)": "６００万"})]))
    assert {(p["row"], p["column"]) for p in response.json()} == {(2, "日均存款(元)")}
