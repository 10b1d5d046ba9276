"""The figure file format explained to people: the column guide and rules the import page
shows, and the downloadable template workbook (the same guide on its second sheet).

The headers come from `figure_files.COLUMNS`, which defines the format; only what each
column holds is written here."""

import io
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from managers.import_reports import EXAMPLE_FONT, header_style

from . import figure_files

TEXT_COLUMNS = frozenset({"customer_number", "month"})  # Excel must not turn them into numbers
NOTES = {
    "customer_number": gettext_lazy("The customer's number, as registered in this system."),
    "month": gettext_lazy("The month of the figures, as YYYY-MM (e.g. 2026-09)."),
    "deposit_avg": gettext_lazy(
        "The month's daily-average deposit balance in yuan, local and foreign currency, "
        "excluding agreement deposits."
    ),
    "loan_avg": gettext_lazy("The month's daily-average loan balance in yuan."),
    "settlement_usd": gettext_lazy("International settlement volume in the month, in USD."),
    "loan_class": gettext_lazy(
        "Five-level loan classification at month end: 1–5 or 正常, 关注, 次级, 可疑, 损失; "
        "empty when the customer has no loan."
    ),
    "interest_arrears": gettext_lazy("Interest in arrears at month end, in yuan."),
    "overdue_days": gettext_lazy("Days overdue at month end, a whole number."),
    "advances": gettext_lazy("Advances on acceptance bills or guarantees at month end, in yuan."),
}


class ColumnNote(NamedTuple):
    header: str
    required: bool
    help: str


def column_guide() -> list[ColumnNote]:
    """Each column of the file: its header, whether it is required, what it holds."""
    return [
        ColumnNote(column.header, column.required, str(NOTES[column.key]))
        for column in figure_files.COLUMNS
    ]


def import_rules() -> list[str]:
    return [
        _(
            "One row per customer and month; the first row holds the headers. "
            "Delete the grey example row."
        ),
        _("Only customers of your units can be imported. Empty optional amounts count as 0."),
        _("A month imported again replaces that month's figures of the customers in the file."),
        _(
            "If any row has a problem, nothing is saved: every problem is listed by row and "
            "column. Correct the file and import it again."
        ),
        _(
            "At most %(size)s per file, .xlsx or .csv (UTF-8 or GB18030). Files over "
            "%(background)s are imported in the background; the import's page shows the "
            "progress."
        )
        % {
            "size": figure_files.MAX_FILE_LABEL,
            "background": filesizeformat(settings.FIGURE_IMPORT_SYNC_MAX_BYTES),
        },
    ]


def template_workbook() -> bytes:
    """Sheet 1: the headers and an example row; sheet 2: the column guide and the rules.
    Written in openpyxl's write-only mode, so column formats and widths come first."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Monthly figures"))
    for index, column in enumerate(figure_files.COLUMNS, start=1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = max(12, len(column.header) * 2 + 4)
        dimension.number_format = _number_format(column)
    sheet.freeze_panes = "A2"
    sheet.append([_header(sheet, column.header) for column in figure_files.COLUMNS])
    sheet.append([_example(sheet, column) for column in figure_files.COLUMNS])

    notes = workbook.create_sheet(_("Instructions"))
    for letter, width in zip("ABC", (20, 10, 90), strict=True):
        notes.column_dimensions[letter].width = width
    notes.freeze_panes = "A2"
    notes.append(
        [_header(notes, text) for text in (_("Column"), _("Required"), _("What to enter"))]
    )
    for header, required, note in column_guide():
        notes.append([header, _("Yes") if required else _("No"), _wrapped(notes, note)])
    notes.append([])
    for rule in import_rules():
        notes.append([rule])  # not wrapped: the line runs on over the empty cells
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _number_format(column) -> str:
    if column.key in TEXT_COLUMNS:
        return "@"
    if column.parse is figure_files.parse_figure_amount:
        return "#,##0.00"
    return "General"


def _header(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    header_style(cell)
    return cell


def _example(sheet, column) -> WriteOnlyCell:
    """Numbers as numbers (no "number stored as text" warning), the text columns as text."""
    value = column.example
    if value == "" or value is None:
        value = None
    elif column.key not in TEXT_COLUMNS:
        value = Decimal(value)
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = EXAMPLE_FONT
    cell.number_format = _number_format(column)
    return cell


def _wrapped(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell
