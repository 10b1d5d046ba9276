"""Spreadsheets for `test_bad_input_files`: a customer import file and a figure file that
are accepted, and the bad variants of them (NUL bytes, formulas, merged cells, the data on
another sheet, no rows, a wrong header, not a workbook, empty, a million rows)."""

import csv
import io

from django.test import Client
from openpyxl import Workbook

NOT_A_WORKBOOK = "不是有效的 .xlsx"

CUSTOMER_HEADER = (
    "客户号",
    "客户名称",
    "客户类型",
    "机构代码",
    "开户日期",
    "客户来源",
    "日均存款(元)",
    "主管客户经理工号",
    "主管认领比例",
)
FIGURE_HEADER = ("客户号", "月份", "日均存款(元)", "日均贷款(元)")


def customer_rows(world, count: int = 2) -> list[list]:
    bank = world.bank
    return [
        [
            f"BAD{index:05d}",
            f"坏输入测试公司{index}",
            "对公",
            bank.sub_a.code,
            "2024-03-01",
            "自然增长",
            "600000",
            bank.am_a.employee_number,
            "100%",
        ]
        for index in range(1, count + 1)
    ]


def figure_rows(world) -> list[list]:
    customer = world.sides["a"].objects["customer"]
    return [[customer.number, "2026-08", "5200000.00", "0"]]


def as_csv(header, rows) -> bytes:
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue().encode("utf-8")


def as_xlsx(header, rows, *, sheet: int = 0, merge: str | None = None) -> bytes:
    """A workbook whose sheet number `sheet` holds the table (the ones before it empty)."""
    workbook = Workbook()
    for _index in range(sheet):
        workbook.create_sheet()
    target = workbook.worksheets[sheet]
    target.append(list(header))
    for row in rows:
        target.append(list(row))
    if merge:
        target.merge_cells(merge)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def with_cell(rows, row: int, column: int, value) -> list[list]:
    """`rows` with the cell at data row `row` (0-based) and `column` replaced."""
    changed = [list(cells) for cells in rows]
    changed[row][column] = value
    return changed


def million_row_csv(header, row: list) -> bytes:
    """A real CSV of 1,000,000 data rows (about 10 MB per 10 bytes of row; fast to build)."""
    line = (",".join(row) + "\n").encode("utf-8")
    return (",".join(header) + "\n").encode("utf-8") + line * 1_000_000


def million_numbers_csv(header) -> bytes:
    """1,000,000 rows holding only a customer number each (under 10 MB)."""
    return (",".join(header) + "\n").encode() + b"".join(
        b"C%d\n" % index for index in range(1_000_000)
    )


def hr_browser(world) -> Client:
    """HR's browser, signed in before any snapshot (signing in writes last_login)."""
    client = Client()
    client.force_login(world.bank.hr)
    return client


def assert_problem(problems: list[dict], expected: tuple) -> None:
    """`problems` (row, column, message) hold one at `expected`'s row and column whose
    message has `expected`'s words."""
    row, column, words = expected
    assert any(
        problem["row"] == row and problem["column"] == column and words in problem["message"]
        for problem in problems
    ), problems
