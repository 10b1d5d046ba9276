"""Reading a customer import file (R-CUS-1…4, R-CUS-7): .xlsx or .csv, one row per customer,
Chinese headers (or the English keys). Pure: no database here. The checks that need the
database (units, managers, customers already held) are in `import_services`.

The file is refused as a whole, before any row is read, when it is too large, of an unknown
kind, not a readable workbook, empty, too long or missing a required column. Otherwise each
cell is parsed on its own and every problem becomes a `RowError` (row as Excel shows it,
the header is row 1; the column's header; a message).
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.utils.translation import gettext as _

from managers import import_files
from managers.import_files import (
    ImportRefused,
    RowError,
    csv_lines,
    refused,
    xlsx_lines,
)

from .import_cells import (
    CellError,
    is_blank,
    plain,
)
from .import_columns import COLUMN_BY_KEY, COLUMNS, CUSTOMER_FIELDS, HEADER_KEYS, header_key

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILE_LABEL = "10 MB"
MAX_UNPACKED_BYTES = 300 * 1024 * 1024  # an .xlsx is a zip: refuse zip bombs unread
MAX_DATA_ROWS = settings.CUSTOMER_IMPORT_MAX_ROWS  # refused while reading, before row N+1
MAX_EMPTY_RUN = 1_000  # a bogus sheet dimension can pad a million empty rows
EXTENSIONS = (".xlsx", ".csv")


@dataclass(frozen=True, slots=True)
class ManagerShare:
    employee_number: str
    share: Decimal
    manager_key: str  # "main_manager" or "second_manager": where to report a problem
    share_key: str


@dataclass(slots=True)
class CustomerRow:
    """One customer of the file: the model fields filled in (an empty optional cell keeps
    an existing customer's value), the unit's code and up to two managers with shares."""

    row: int
    number: str
    unit_code: str | None
    values: dict[str, object]
    managers: list[ManagerShare]
    has_errors: bool = False


@dataclass
class ParsedFile:
    headers: dict[str, str]  # column key → header as written in the file
    rows: list[CustomerRow]
    errors: list[RowError]
    ignored_headers: list[str] = field(default_factory=list)
    # Translated once per file: a file of empty rows would call gettext for each cell.
    required: str = field(default_factory=lambda: _("Required."))

    def header(self, key: str) -> str:
        return self.headers.get(key) or COLUMN_BY_KEY[key].header


def too_large_message() -> str:
    return import_files.too_large_message(MAX_FILE_LABEL)


class CappedUploadHandler(import_files.CappedUploadHandler):
    def __init__(self, request=None, limit: int = MAX_FILE_BYTES):
        super().__init__(request, limit=limit)


def read_customer_file(upload) -> ParsedFile:
    """Parse an uploaded file (a Django UploadedFile) or raise ImportRefused."""
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in EXTENSIONS:
        raise refused(_("Only .xlsx and .csv files can be imported (save an .xls file as .xlsx)."))
    if upload.size > MAX_FILE_BYTES:
        raise refused(too_large_message())
    if not upload.size:
        raise refused(_("The file is empty."))
    upload.seek(0)
    if extension == ".xlsx":
        lines = xlsx_lines(upload, max_unpacked=MAX_UNPACKED_BYTES, too_large=too_large_message())
    else:  # the text is in memory: count its rows first, refuse a long file unparsed
        lines = _counted(csv_lines(upload))
    try:
        return parse_lines(lines)
    finally:
        lines.close()  # closes the workbook even when the rows are refused midway


def _counted(lines: Iterator[tuple[int, tuple]]) -> Iterator[tuple[int, tuple]]:
    """The rows of a CSV file, refused before any is parsed when more than MAX_DATA_ROWS
    of them (after the header) hold data (issue #9: a million rows are refused cheaply), or
    when data follows MAX_EMPTY_RUN empty rows (it would not be read: a partial import)."""
    rows = []
    data_rows = -1  # the header
    empty_run = 0
    for number, values in lines:
        rows.append((number, values))
        if all(is_blank(value) for value in values):
            empty_run += 1
            continue
        if empty_run >= MAX_EMPTY_RUN:  # `parse_lines` would stop reading before this row
            raise refused(
                _("Row %(row)s follows %(empty)s empty rows: delete the empty rows.")
                % {"row": number, "empty": f"{empty_run:,}"}
            )
        empty_run = 0
        data_rows += 1
        if data_rows > MAX_DATA_ROWS:
            raise too_many_rows()
    yield from rows


def too_many_rows() -> ImportRefused:
    return refused(
        _("The file has more than %(max)s rows: split it into several files.")
        % {"max": f"{MAX_DATA_ROWS:,}"}
    )


def parse_lines(lines: Iterator[tuple[int, tuple]]) -> ParsedFile:
    """Parse rows given as (row number, cell values), the header first. Fully empty rows are
    skipped; after MAX_EMPTY_RUN of them in a row the rest of the sheet is not read."""
    first = next(lines, None)
    if first is None or all(is_blank(value) for value in first[1]):
        raise refused(_("The file is empty: the first row must hold the column headers."))
    keys, parsed = _read_header(first[1])
    seen: dict[str, int] = {}
    data_rows = empty_run = 0
    for number, values in lines:
        if all(is_blank(value) for value in values):
            empty_run += 1
            if empty_run >= MAX_EMPTY_RUN:
                break
            continue
        empty_run = 0
        data_rows += 1
        if data_rows > MAX_DATA_ROWS:
            raise too_many_rows()
        row, errors = parse_row(number, values, keys, parsed)
        if row is not None and row.number in seen:
            errors.append(
                RowError(
                    number,
                    parsed.header("number"),
                    _("Customer number %(number)s already appears in row %(row)s.")
                    % {"number": row.number, "row": seen[row.number]},
                )
            )
        elif row is not None:
            seen[row.number] = number
            parsed.rows.append(row)
        parsed.errors.extend(errors)
    if not data_rows:
        raise refused(_("The file has headers but no customers."))
    return parsed


def _read_header(values: tuple) -> tuple[list[str | None], ParsedFile]:
    keys: list[str | None] = []
    parsed = ParsedFile(headers={}, rows=[], errors=[])
    problems = []
    for value in values:
        key = None if is_blank(value) else HEADER_KEYS.get(header_key(value))
        if key and key in parsed.headers:
            problems.append(RowError(1, plain(value), _("This column appears twice.")))
            key = None
        elif key:
            parsed.headers[key] = plain(value)
        elif not is_blank(value):
            parsed.ignored_headers.append(plain(value)[:50])
        keys.append(key)
    problems += [
        RowError(1, column.header, _("Required column is missing: use the template's headers."))
        for column in COLUMNS
        if column.required and column.key not in parsed.headers
    ]
    if problems:
        raise ImportRefused(problems)
    return keys, parsed


def parse_row(
    number: int, values: tuple, keys: list[str | None], parsed: ParsedFile
) -> tuple[CustomerRow | None, list[RowError]]:
    """One row's cells, each parsed on its own; None when the customer number is missing."""
    cells: dict[str, object] = {}
    failed: set[str] = set()
    errors: list[RowError] = []
    values = (*values, *(None,) * (len(keys) - len(values)))
    for key, value in zip(keys, values, strict=False):
        if key is None:
            continue
        column = COLUMN_BY_KEY[key]
        try:
            if is_blank(value):
                if column.required:
                    raise CellError(parsed.required)
                continue
            cells[key] = column.parse(value)
        except CellError as error:
            failed.add(key)
            errors.append(RowError(number, parsed.header(key), str(error)))
    managers = _manager_shares(number, cells, failed, parsed, errors)
    if "number" not in cells:
        return None, errors
    row = CustomerRow(
        row=number,
        number=cells["number"],
        unit_code=cells.get("unit_code"),
        values={key: cells[key] for key in CUSTOMER_FIELDS if key in cells},
        managers=managers,
        has_errors=bool(errors),
    )
    return row, errors


def _manager_shares(number, cells, failed, parsed: ParsedFile, errors) -> list[ManagerShare]:
    def error(key, message):
        errors.append(RowError(number, parsed.header(key), message))

    shares = []
    for manager_key, share_key in (
        ("main_manager", "main_share"),
        ("second_manager", "second_share"),
    ):
        manager, share = cells.get(manager_key), cells.get(share_key)
        if manager and share is None and share_key not in failed:
            error(share_key, _("Enter this account manager's share."))
        elif share is not None and not manager and manager_key not in failed:
            error(
                manager_key,
                _("Enter the employee number of the account manager this share belongs to."),
            )
        elif manager and share is not None:
            shares.append(ManagerShare(manager, share, manager_key, share_key))
    second = cells.get("second_manager")
    if second and not cells.get("main_manager") and "main_manager" not in failed:
        error("second_manager", _("Fill in the main account manager first."))
    elif second and second == cells.get("main_manager"):
        error("second_manager", _("The second account manager is the same as the main one."))
    return shares
