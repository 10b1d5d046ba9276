"""Reading an uploaded spreadsheet for an import, whatever it imports: .xlsx (streamed,
guarded against zip bombs and damaged sheets) or .csv (UTF-8 with or without BOM, or
GB18030), as (row number, cell values) with the header as row 1; and the problems found,
each with the row and column Excel shows."""

import codecs
import csv
import io
import logging
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
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a damaged file
        logger.info("Unreadable workbook in an import", exc_info=True)
        raise not_a_workbook from None
    try:
        if not workbook.worksheets:
            raise not_a_workbook
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
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
    finally:
        workbook.close()


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
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
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
        yield number, tuple(record[:MAX_COLUMNS])
