"""Roster exports that open cleanly in Excel and LibreOffice.

The .xlsx is written by openpyxl in write-only mode row by row from a database iterator,
so memory stays flat however many account managers are exported; the CSV streams with a
UTF-8 byte-order mark, which Excel needs to read Chinese correctly.
"""

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .models import AccountManager
from .roster import ROSTER_COLUMNS, RosterContext, roster_values

NUMBER_FORMATS = {"date": "yyyy-mm-dd", "yuan": "#,##0.00", "int": "0"}
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def write_roster_xlsx(managers: Iterable[AccountManager], *, title: str, today: date):
    """Write the roster to a temporary file and return it, positioned at the start."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=gettext("Roster"))
    for index, column in enumerate(ROSTER_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "C3"  # title and header rows, employee number and name

    title_cell = WriteOnlyCell(sheet, value=title)
    title_cell.font = Font(bold=True, size=14)
    sheet.append([title_cell])
    sheet.append([_header_cell(sheet, column.header) for column in ROSTER_COLUMNS])

    context = RosterContext.build(today)
    rows = 0
    for manager in managers:
        sheet.append(_row_cells(sheet, roster_values(manager, context)))
        rows += 1
    last_column = get_column_letter(len(ROSTER_COLUMNS))
    sheet.auto_filter.ref = f"A2:{last_column}{rows + 2}"

    output = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the response that sends it)
    workbook.save(output)
    output.seek(0)
    return output


def _header_cell(sheet, text) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=str(text))
    cell.font = Font(bold=True)
    cell.fill = HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    return cell


def _row_cells(sheet, values) -> list:
    cells = []
    for column, value in zip(ROSTER_COLUMNS, values, strict=True):
        number_format = NUMBER_FORMATS.get(column.kind)
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # text that looks like a formula stays text
        elif number_format and value is not None:
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = number_format
        else:
            cell = value
        cells.append(cell)
    return cells


def roster_csv_lines(managers: Iterable[AccountManager], *, today: date) -> Iterator[str]:
    """CSV lines for a streaming response: BOM, header, one line per account manager."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    context = RosterContext.build(today)
    writer.writerow([str(column.header) for column in ROSTER_COLUMNS])
    yield "\ufeff" + flush()
    for manager in managers:
        values = roster_values(manager, context)
        writer.writerow(
            _csv_text(column.kind, value)
            for column, value in zip(ROSTER_COLUMNS, values, strict=True)
        )
        yield flush()


FORMULA_STARTS = ("=", "+", "-", "@")


def _csv_text(kind: str, value) -> str:
    if value is None:
        return ""
    if kind == "text" and str(value).startswith(FORMULA_STARTS):
        return "'" + str(value)  # never let a spreadsheet run a name as a formula
    if kind == "yuan":
        return f"{value:.2f}"
    if kind == "date":
        return value.isoformat()
    return str(value)
