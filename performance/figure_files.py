"""Reading monthly figures (DOMAIN §3) from a file or an API body: .csv, .xlsx or JSON, one
row per customer and month, Chinese headers or the English keys. Pure: no database here;
whether the customer exists, and whether a customer-month appears twice, are checked on
the whole file at once in `performance.figure_imports`.

Each cell is parsed on its own and every problem is a `RowError` (the row Excel shows, the
header being row 1, or the item's position in a JSON list; the column; a message). Plain
machine-written numbers take a fast path: a bank-wide month is half a million rows.
"""

import calendar
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import NamedTuple

from django.utils.translation import gettext as _

from customers.import_cells import (
    CENT,
    CellError,
    code_parser,
    is_blank,
    normalised,
    parse_amount,
)
from managers.import_files import (
    ImportRefused,
    RowError,
    csv_lines,
    refuse_nul,
    refused,
    xlsx_lines,
)

from .models.figures import LoanClass

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_FILE_LABEL = "100 MB"
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
FORMATS = ("csv", "xlsx", "json")
MIN_YEAR, MAX_YEAR = 2000, 2099
# A trillion yuan: far above any customer, and it keeps the evaluation's integer sums
# (fen × share in ten-thousandths) within 64 bits.
FIGURE_AMOUNT_LIMIT = Decimal(10) ** 12

# (year, month, days) of every month a file may name, so that a row's month is one lookup.
MONTH_DAYS = {
    (year, month): calendar.monthrange(year, month)[1]
    for year in range(MIN_YEAR, MAX_YEAR + 1)
    for month in range(1, 13)
}
MONTH_TEXT = re.compile(r"^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))$")
CLASS_WORDS = {
    "正常": LoanClass.NORMAL,
    "关注": LoanClass.SPECIAL_MENTION,
    "次级": LoanClass.SUBSTANDARD,
    "可疑": LoanClass.DOUBTFUL,
    "损失": LoanClass.LOSS,
}


def parse_month(value) -> tuple[int, int, int]:
    """(year, month, days in month) from 2026-03, 2026/3, 202603, 2026年3月 or a date cell."""
    if isinstance(value, datetime | date):
        key = (value.year, value.month)
    else:
        text = str(value).strip()
        if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
            key = (int(text[:4]), int(text[5:]))
        else:
            match = MONTH_TEXT.match(normalised(value))
            if not match:
                raise CellError(_("Write the month as YYYY-MM, e.g. 2026-03."))
            year, month, compact = match.groups()
            key = (int(year), int(month or compact))
    days = MONTH_DAYS.get(key)
    if days is None:
        raise CellError(_("There is no such month (years 2000–2099, months 1–12)."))
    return (*key, days)


def parse_figure_amount(value) -> Decimal:
    """Yuan (or USD), ≥ 0, to the fen, under a trillion; plain digits fast, anything else as
    in customer imports (thousands separators, full-width digits, a clear message)."""
    number = None
    if type(value) is str:
        try:
            number = Decimal(value)
        except InvalidOperation:
            pass
        else:
            if number.is_finite() and number >= 0:
                number = number.quantize(CENT, rounding=ROUND_HALF_UP)
            else:
                number = None
    if number is None:
        number = parse_amount(value)
    if number >= FIGURE_AMOUNT_LIMIT:
        raise CellError(_("The amount is too large."))
    return number


def parse_loan_class(value) -> int:
    """1–5, or the class's Chinese name (正常, 关注, 次级, 可疑, 损失)."""
    text = normalised(value)
    if text in CLASS_WORDS:
        return CLASS_WORDS[text]
    if text.isdigit() and 1 <= int(text) <= 5:
        return int(text)
    raise CellError(_("The loan class is 1–5 (正常, 关注, 次级, 可疑, 损失)."))


def parse_days(value) -> int:
    text = normalised(value)
    if not text.isdigit() or int(text) > 100_000:
        raise CellError(_("Write the number of days overdue as a whole number, 0 or more."))
    return int(text)


@dataclass(frozen=True)
class FigureColumn:
    key: str
    header: str  # the template's header: part of the file format, not translated
    parse: Callable
    default: object = None  # for an empty cell; None with `required`
    required: bool = False
    example: object = ""


ZERO = Decimal("0")
COLUMNS: tuple[FigureColumn, ...] = (
    FigureColumn("customer_number", "客户号", code_parser(32), required=True, example="C0000001"),
    FigureColumn("month", "月份", parse_month, required=True, example="2026-09"),
    FigureColumn(
        "deposit_avg", "日均存款(元)", parse_figure_amount, required=True, example="5200000.00"
    ),
    FigureColumn("loan_avg", "日均贷款(元)", parse_figure_amount, required=True, example="0"),
    FigureColumn("settlement_usd", "国际结算额(美元)", parse_figure_amount, ZERO, example="0"),
    FigureColumn("loan_class", "五级分类", parse_loan_class, None, example=""),
    FigureColumn("interest_arrears", "欠息(元)", parse_figure_amount, ZERO, example="0"),
    FigureColumn("overdue_days", "逾期天数", parse_days, 0, example="0"),
    FigureColumn("advances", "垫款(元)", parse_figure_amount, ZERO, example="0"),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}


def header_key(value) -> str:
    """Headers match without spaces, case, a leading * or the unit in brackets."""
    text = re.sub(r"\s+", "", normalised(value)).lower().strip("*")
    return re.sub(r"\(.*\)$", "", text)


HEADER_KEYS = {
    alias: column.key
    for column in COLUMNS
    for alias in (header_key(column.header), column.key, column.header)
}


class FigureRow(NamedTuple):
    """A valid row, its fields in the order of the staging table's columns."""

    row: int
    customer_number: str
    year: int
    month: int
    days: int
    deposit_avg: Decimal
    loan_avg: Decimal
    settlement_usd: Decimal
    loan_class: int | None
    interest_arrears: Decimal
    overdue_days: int
    advances: Decimal


def _keys(header: tuple) -> list[str | None]:
    keys: list[str | None] = []
    problems = []
    for value in header:
        key = None if is_blank(value) else HEADER_KEYS.get(header_key(value))
        if key is not None and key in keys:
            problems.append(RowError(1, str(value), _("This column appears twice.")))
        keys.append(key)
    problems += [
        RowError(1, column.header, _("Required column is missing: use the template's headers."))
        for column in COLUMNS
        if column.required and column.key not in keys
    ]
    if problems:
        raise ImportRefused(problems)
    return keys


@dataclass(frozen=True)
class Layout:
    """Where each column of `COLUMNS` is in a file (None: absent) and what its header says."""

    positions: tuple[int | None, ...]
    labels: tuple[str, ...]
    width: int


def layout_of(header: tuple) -> Layout:
    """The layout of a file from its header row; refuses (ImportRefused) an unusable one."""
    if all(is_blank(value) for value in header):
        raise refused(_("The file is empty: the first row must hold the column headers."))
    keys = _keys(header)
    positions = tuple(keys.index(column.key) if column.key in keys else None for column in COLUMNS)
    labels = tuple(
        column.header if position is None else str(header[position]).strip()
        for column, position in zip(COLUMNS, positions, strict=True)
    )
    return Layout(positions, labels, len(keys))


def parse_row(number: int, values: tuple, layout: Layout) -> FigureRow | list[RowError]:
    """One non-empty data row as a `FigureRow`, or its problems."""
    cells = []
    problems = []
    for column, position, label in zip(COLUMNS, layout.positions, layout.labels, strict=True):
        value = None if position is None or position >= len(values) else values[position]
        if value is None or (type(value) is str and not value.strip()):
            if column.required:
                problems.append(RowError(number, label, _("Required.")))
            cells.append(column.default)
            continue
        try:
            cells.append(column.parse(value))
        except CellError as error:
            problems.append(RowError(number, label, str(error)))
    if problems:
        return problems
    number_, (year, month, days), *amounts = cells
    return FigureRow(number, number_, year, month, days, *amounts)


def parse_rows(lines: Iterator[tuple[int, tuple]]) -> Iterator[FigureRow | RowError]:
    """Each data row as a `FigureRow`, or its problems as `RowError`s. Empty rows are skipped.
    Refuses the file (ImportRefused) when the header is unusable or no row holds data."""
    first = next(lines, None)
    if first is None:
        raise refused(_("The file is empty: the first row must hold the column headers."))
    layout = layout_of(first[1])
    data_rows = 0
    for number, values in lines:
        if all(is_blank(value) for value in values):
            continue
        data_rows += 1
        parsed = parse_row(number, values, layout)
        if type(parsed) is FigureRow:
            yield parsed
        else:
            yield from parsed
    if not data_rows:
        raise no_figures()


def no_figures() -> ImportRefused:
    return refused(_("The file has headers but no figures."))


def figure_lines(file_format: str, content: bytes) -> Iterator[tuple[int, tuple]]:
    """(row number, cells) of a .csv, .xlsx or JSON body (a list of objects keyed by the
    English column names; the keys are row 0 and item n of the list is row n)."""
    if file_format == "xlsx":
        return xlsx_lines(
            io.BytesIO(content),
            max_unpacked=MAX_UNPACKED_BYTES,
            too_large=_("The file is larger than %(limit)s: split it into several files.")
            % {"limit": MAX_FILE_LABEL},
        )
    if file_format == "csv":
        return csv_lines(io.BytesIO(content))
    if file_format == "json":
        return _json_lines(content)
    raise refused(_("Only .xlsx, .csv and JSON figures can be imported."))


def _json_lines(content: bytes) -> Iterator[tuple[int, tuple]]:
    try:
        items = json.loads(content)
    except (ValueError, UnicodeDecodeError):
        raise refused(_("The body is not valid JSON.")) from None
    if isinstance(items, dict):
        items = items.get("figures")
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise refused(_('Send a list of figures, or {"figures": [...]}, each an object.'))
    keys = tuple(column.key for column in COLUMNS)
    has_nul = b"\\u0000" in content  # JSON writes NUL only so: check rows only then
    yield 0, keys
    for index, item in enumerate(items, start=1):
        values = tuple(_json_cell(item.get(key)) for key in keys)
        if has_nul:
            refuse_nul(index, keys, values)
        yield index, values


def _json_cell(value):
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value
