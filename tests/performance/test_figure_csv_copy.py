"""The CSV fast path (COPY, then SQL for rows in the plain format) stages exactly what the
row-by-row Python parser stages, and reports the same problems on the same rows (DOMAIN §3)."""

import io
from decimal import Decimal

import pytest
from django.db import connection

from managers.import_files import csv_lines
from performance.figure_csv_copy import stage_csv
from performance.figure_files import FigureRow, parse_rows
from performance.figure_imports import figure_import_submit
from performance.figure_staging import COLUMNS, TABLE, Staging
from performance.models import ImportStatus, MonthlyFigure
from tests.factories import CustomerFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the fast path is PostgreSQL's COPY"
)

HEADER = (
    "客户号,月份,日均存款(元),日均贷款(元),国际结算额(美元),五级分类,欠息(元),逾期天数,垫款(元)"
)
ROWS = [  # every cell readable by COPY as typed; some rows need the Python parser's word
    "A001,2026-01,5000000,1000000.5,20000,1,0,0,0",  # plain
    "A001,2026-02,6000000.00,0,,,,,",  # plain, optional cells empty
    "Ａ００２,2026年3月,1200000.00,0,0,2,15.5,40,0",  # full-width number, month in words
    ",,,,,,,,",  # blank: skipped
    "A003,2026-13,5,0,0,0,0,0,0",  # no such month, class 0
    "A003,2026-04,-5,0,0,6,0,100001,0",  # negative, class 6, too many days
    "A003,2026-05,1000000000000,0,0,,0,0,0",  # a trillion: too large
    "A003,2026-06,12.345,0,0,,0,0,0",  # rounded half up to the fen
    ",2026-07,1,1,0,,0,0,0",  # customer number missing
    " A004 ,202608,NaN,0,0,,0,+5,0",  # spaces around the number, 202608, NaN, +5 days
    "A005,2026/9,1e3,0,0,,0,007,0",  # 2026/9, an exponent, leading zeros
]


def staged_by(stage) -> tuple[list, list]:
    """(the staged rows in row order, the problems) after `stage(staging)`."""
    with Staging() as staging:
        errors = stage(staging)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(COLUMNS)} FROM {TABLE} ORDER BY row_no")
            rows = cursor.fetchall()
    return rows, sorted((e.row, e.column, e.message) for e in errors)


def python_path(content: bytes):
    def stage(staging):
        errors, valid = [], []
        for item in parse_rows(csv_lines(io.BytesIO(content))):
            (valid if type(item) is FigureRow else errors).append(item)
        staging.append(valid)
        return errors

    return staged_by(stage)


def copy_path(content: bytes):
    def stage(staging):
        result = stage_csv(content, staging)
        assert result is not None, "COPY should read this file"
        return result[0]

    return staged_by(stage)


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_the_fast_path_stages_and_reports_what_the_python_parser_does(encoding):
    content = "\r\n".join([HEADER, *ROWS]).encode(encoding)

    fast_rows, fast_errors = copy_path(content)
    slow_rows, slow_errors = python_path(content)

    assert fast_rows == slow_rows
    assert fast_errors == slow_errors
    assert [row[0] for row in fast_rows] == [2, 3, 4, 9, 12]
    assert fast_rows[2][1:6] == ("A002", 2026, 3, 31, Decimal("1200000.00"))
    assert fast_rows[3][5] == Decimal("12.35")
    assert fast_rows[4][1:6] == ("A005", 2026, 9, 30, Decimal("1000.00"))
    assert fast_rows[4][10] == 7
    assert {row for row, _column, _message in fast_errors} == {6, 7, 8, 10, 11}


@pytest.mark.django_db
def test_a_file_copy_cannot_read_goes_the_python_way(bank):
    CustomerFactory(number="A001", unit=bank.sub_a)
    # A row longer than the header (Python ignores the extra cell), thousands separators
    # and a class in words: COPY cannot read them as typed, the Python parser can.
    content = "\n".join(
        [HEADER, "A001,2026-01,5,0,0,,0,0,0,extra", 'A001,2026-02,"1,200.50",0,0,关注,0,0,0']
    ).encode()
    with Staging() as staging:
        assert stage_csv(content, staging) is None

    record = figure_import_submit(
        actor=bank.hr, file_name="f.csv", file_format="csv", content=content
    )

    assert record.status == ImportStatus.DONE, record.errors
    figures = MonthlyFigure.objects.order_by("month")
    assert [(f.deposit_avg, f.loan_class) for f in figures] == [
        (Decimal("5.00"), None),
        (Decimal("1200.50"), 2),
    ]


@pytest.mark.django_db
def test_an_import_through_the_fast_path_reports_rows_as_excel_numbers_them(bank):
    CustomerFactory(number="A001", unit=bank.sub_a)
    content = "\n".join([HEADER, "A001,2026-01,5,0,0,,0,0,0", "A001,2026-02,-1,0,0,,0,0,0"])

    record = figure_import_submit(
        actor=bank.hr, file_name="f.csv", file_format="csv", content=content.encode()
    )

    assert record.status == ImportStatus.REJECTED
    assert [(e["row"], e["column"]) for e in record.errors] == [(3, "日均存款(元)")]
    assert not MonthlyFigure.objects.exists()
