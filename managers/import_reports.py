"""The workbooks an import hands back: the shared look of template headers, and the error
report (row, column, problem) that the customer and figure imports both offer."""

import tempfile

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from .import_files import left_out_message

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EXAMPLE_FONT = Font(italic=True, color="808080")


def header_style(cell) -> None:
    cell.font = Font(bold=True)
    cell.fill = HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="center")


def saved_workbook(workbook) -> tempfile.TemporaryFile:
    output = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the response that sends it)
    workbook.save(output)
    output.seek(0)
    return output


def error_workbook(rows: list[dict], *, total: int):
    """The problems by row, column and message. Every cell is text, so a header or value
    that looks like a formula stays inert."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Errors"))
    for letter, width in zip("ABC", (10, 22, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    header = []
    for text in (_("Row"), _("Column"), _("Problem")):
        cell = WriteOnlyCell(sheet, value=text)
        header_style(cell)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = [row["row"]]
        for value in (row["column"] or "", row["message"]):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    if total > len(rows):
        sheet.append([None, None, left_out_message(total)])
    return saved_workbook(workbook)
