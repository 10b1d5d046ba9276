"""Import files built in the tests (no binary fixtures): rows as dicts keyed by header,
written to .xlsx with openpyxl or to .csv in a chosen encoding."""

import csv
import io
import re
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from customers.imports import COLUMNS

HEADERS = [column.header for column in COLUMNS]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMPORT_API = "/api/v1/customers/import/"


def customer_row(bank, changes: dict | None = None, **by_key) -> dict:
    """A valid row for sub-branch A held 60% by 甲经理; `changes` by header."""
    row = {
        "客户号": "C1001",
        "客户名称": "城东机械制造有限公司",
        "客户类型": "对公",
        "授信客户": "否",
        "机构代码": bank.sub_a.code,
        "开户日期": "2024-03-01",
        "基本户": "是",
        "客户来源": "自然增长",
        "联系人": "张三",
        "证件号码": "11010519491231002X",
        "手机号码": "13812345678",
        "日均存款(元)": "600000",
        "贷款余额(元)": "0",
        "主管客户经理工号": bank.am_a.employee_number,
        "主管认领比例": "60%",
        "协管客户经理工号": "",
        "协管认领比例": "",
    }
    row.update(changes or {})
    return row


def table(rows: list[dict], headers: list[str] = HEADERS) -> list[list]:
    return [list(headers), *([row.get(header, "") for header in headers] for row in rows)]


def xlsx_bytes(lines: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for line in lines:
        sheet.append(line)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xlsx_upload(rows: list[dict], headers=HEADERS, name="customers.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(table(rows, headers)), content_type=XLSX)


def csv_upload(rows: list[dict], *, encoding="utf-8-sig", headers=HEADERS, name="customers.csv"):
    text = io.StringIO()
    csv.writer(text).writerows(table(rows, headers))
    return SimpleUploadedFile(name, text.getvalue().encode(encoding), content_type="text/csv")


def rewrite_sheet(content: bytes, change) -> bytes:
    """The workbook with its first sheet's XML passed through `change` (to make what Excel
    writes and openpyxl does not: cached formula values, a bogus dimension)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data.decode()).encode()
            target.writestr(info, data)
    return output.getvalue()


def with_cached_values(xml: str, values: list[str]) -> str:
    """Give each formula (in order) the value Excel would have saved with it."""
    cached = iter(values)
    return re.sub(r"(<f>[^<]*</f>)<v\s*/>", lambda m: f"{m.group(1)}<v>{next(cached)}</v>", xml)
