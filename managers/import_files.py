"""Reading an uploaded spreadsheet for an import, whatever it imports: .xlsx (streamed,
guarded against zip bombs and damaged sheets) or .csv (UTF-8 with or without BOM, or
GB18030), as (row number, cell values) with the header as row 1; and the problems found,
each with the row and column Excel shows."""

import codecs
import csv
import io
import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from openpyxl import load_workbook

logger = logging.getLogger(__name__)

MAX_REPORTED_ERRORS = 1_000  # problems shown, kept for the report and returned by the API
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and the CSRF token around the file
MAX_COLUMNS = 60


class ImportRefused(Exception):
    """The file as a whole cannot be imported; `errors` say why, for the user."""

    def __init__(self, errors: list["RowError"]):
        super().__init__(errors[0].message)
        self.errors = errors


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem found in the file: the row as Excel shows it (the header is row 1) and the
    column's header, both None when the problem is the whole file."""

    row: int | None
    column: str | None
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


def reported(errors: list[RowError]) -> list[RowError]:
    """At most MAX_REPORTED_ERRORS problems, then a line saying how many were left out."""
    if len(errors) <= MAX_REPORTED_ERRORS:
        return errors
    return [*errors[:MAX_REPORTED_ERRORS], RowError(None, None, left_out_message(len(errors)))]


def left_out_message(total: int) -> str:
    return _("Only the first %(shown)s of %(total)s problems are listed.") % {
        "shown": f"{MAX_REPORTED_ERRORS:,}",
        "total": f"{total:,}",
    }


def refused(message: str, *, row: int | None = None, column: str | None = None):
    return ImportRefused([RowError(row, column, message)])


def too_large_message(limit_label: str) -> str:
    return _("The file is larger than %(limit)s: split it into several files.") % {
        "limit": limit_label
    }


class CappedUploadHandler(FileUploadHandler):
    """Refuse an upload over `limit` bytes without reading it: a request whose declared
    length is over the limit is not parsed at all (no temporary file, no body read); a file
    that turns out longer than declared stops at the limit."""

    def __init__(self, request=None, *, limit: int):
        super().__init__(request)
        self.limit = limit
        self.too_large = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length and content_length > self.limit + FORM_OVERHEAD:
            self.too_large = True
            return QueryDict(encoding=encoding), MultiValueDict()
        return None

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.too_large = True
            raise StopUpload(connection_reset=False)  # at most FORM_OVERHEAD bytes remain
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler keeps the file


# --- rows ------------------------------------------------------------------------------


def body_over_limit(request, limit: int) -> bool:
    """Parse the request body behind a `CappedUploadHandler`: True when it is over `limit`
    bytes, in which case it was not read (or reading stopped at the limit). Call it before
    anything touches `request.POST`, so in a `csrf_exempt` view that checks CSRF after."""
    guard = CappedUploadHandler(request, limit=limit)
    request.upload_handlers.insert(0, guard)
    request.POST  # noqa: B018 parse now, behind the guard
    return guard.too_large


# --- reading files ---------------------------------------------------------------------


def xlsx_lines(upload, *, max_unpacked: int, too_large: str) -> Iterator[tuple[int, tuple]]:
    """The first sheet's rows, read with openpyxl in read-only mode (streamed, values of
    formulas as Excel last saved them). defusedxml guards the XML, the zip's declared sizes
    are checked before anything is unpacked, and the sheet's declared dimension is ignored."""
    not_a_workbook = refused(
        _("The file is not a valid .xlsx workbook: open it in Excel and save it again as .xlsx.")
    )
    try:
        with zipfile.ZipFile(upload) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise not_a_workbook from None
    if unpacked > max_unpacked:
        raise refused(too_large)
    upload.seek(0)
    workbook = _workbook(upload, not_a_workbook, formulas=False)
    try:
        if not workbook.worksheets:
            raise not_a_workbook
        sheet = workbook.worksheets[0]
        formulas = _formula_cells(upload, not_a_workbook) if _has_formulas(upload, sheet) else {}
        header: tuple = ()
        for number, values in _sheet_rows(sheet, not_a_workbook):
            if number == 1:
                header = values
            if number in formulas:
                _refuse_unsaved_formulas(number, header, values, formulas[number])
            yield number, values
    finally:
        workbook.close()


def _workbook(upload, not_a_workbook: ImportRefused, *, formulas: bool):
    upload.seek(0)
    try:
        return load_workbook(upload, read_only=True, data_only=not formulas)
    except Exception:  # openpyxl raises many kinds of errors on a damaged file
        logger.info("Unreadable workbook in an import", exc_info=True)
        raise not_a_workbook from None


def _sheet_rows(sheet, not_a_workbook: ImportRefused, *, values_only: bool = True):
    sheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=values_only, max_col=MAX_COLUMNS)
    number = 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception:
            logger.info("Damaged sheet in an import", exc_info=True)
            raise not_a_workbook from None
        number += 1
        yield number, values


# A formula element in a sheet's XML (<f>, <f t="shared" …/>, with or without a prefix).
FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s/>]")
SCAN_CHUNK = 1024 * 1024


def _has_formulas(upload, sheet) -> bool:
    """Whether the sheet's XML holds a formula: one fast scan of the raw bytes, so that a
    file without formulas (nearly all) is read once, with the values."""
    path = getattr(sheet, "_worksheet_path", None)
    if path is None:
        return False
    upload.seek(0)
    with zipfile.ZipFile(upload) as archive, archive.open(path.lstrip("/")) as xml:
        tail = b""
        while chunk := xml.read(SCAN_CHUNK):
            if FORMULA_TAG.search(tail + chunk):
                return True
            tail = chunk[-16:]
    return False


def _formula_cells(upload, not_a_workbook: ImportRefused) -> dict[int, dict[int, str]]:
    """{row: {column index: formula}} of the first sheet's formula cells (read again, with
    the formulas instead of their values: only for a file that has some)."""
    workbook = _workbook(upload, not_a_workbook, formulas=True)
    try:
        cells = _sheet_rows(workbook.worksheets[0], not_a_workbook, values_only=False)
        return {
            number: found
            for number, row in cells
            if (
                found := {
                    index: str(cell.value)
                    for index, cell in enumerate(row)
                    if getattr(cell, "data_type", None) == "f"
                }
            )
        }
    finally:
        workbook.close()


def _refuse_unsaved_formulas(number: int, header: tuple, values: tuple, formulas: dict) -> None:
    """Issue #9: a formula is read as the value Excel saved with it; a formula saved without
    one (files written by programs, or with calculation off) would read as an empty cell, so
    the file is refused there, by row and column, rather than import a blank."""
    errors = [
        RowError(
            number,
            str(header[index]).strip() if index < len(header) and header[index] else None,
            _(
                "This cell holds a formula (%(formula)s) whose value was not saved in the "
                "file: open and save it in Excel, or paste the column as values."
            )
            % {"formula": formula[:40]},
        )
        for index, formula in formulas.items()
        if index >= len(values) or values[index] is None
    ]
    if errors:
        raise ImportRefused(errors)


def csv_encoding(data: bytes) -> tuple[str, bytes]:
    """("utf-8" or "gb18030", the bytes without a byte-order mark) of a CSV file."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding, data
    raise refused(_("The CSV file is neither UTF-8 nor GB18030 text."))


def csv_lines(upload) -> Iterator[tuple[int, tuple]]:
    """CSV in UTF-8 (with or without the byte-order mark Excel writes) or GB18030."""
    encoding, data = csv_encoding(upload.read())
    text = data.decode(encoding)
    has_nul = "\x00" in text  # one scan of the whole file: the check per row is for these
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    header: tuple = ()
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise refused(
                _("The CSV file cannot be read after row %(row)s.") % {"row": number}
            ) from None
        number += 1
        values = tuple(record[:MAX_COLUMNS])
        if number == 1:
            header = values
        if has_nul:
            refuse_nul(number, header if number > 1 else (), values)
        yield number, values


def refuse_nul(number: int, header: tuple, values: tuple) -> None:
    """Refuse the file at the first cell holding a NUL character (issue #9): PostgreSQL
    cannot store one, and no person types it (a damaged or binary file)."""
    for index, value in enumerate(values):
        if isinstance(value, str) and "\x00" in value:
            column = header[index] if index < len(header) else None
            raise refused(
                _(
                    "This cell holds a NUL character (\\x00), which cannot be saved: the file "
                    "is damaged or not text. Remove it and import again."
                ),
                row=number,
                column=str(column).strip() if column is not None else None,
            )
