"""The loans-falling-due report as .xlsx (R-RPT-1, 到期贷款情况表), in the roster's house
style: a title row, bold Chinese headers, dates as dates, frozen panes, an autofilter, a
total line. Written by openpyxl in write-only mode from a database iterator. Of the
customer only the number and name are in it, as on the page (R-CUS-7): no personal data."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from managers.import_reports import header_style, saved_workbook

from .loan_selectors import LoanTotals
from .models import Loan

TEN_THOUSAND = Decimal(10_000)
NUMBER_FORMATS = {"date": "yyyy-mm-dd", "wan": "#,##0.00"}


@dataclass(frozen=True)
class Column:
    header: object
    width: int
    kind: str = "text"


COLUMNS = (
    Column(_("Contract number"), 20),
    Column(_("Customer number"), 16),
    Column(_("Customer"), 30),
    Column(_("Org unit"), 18),
    Column(_("Account managers"), 24),
    Column(_("Balance (10,000 yuan)"), 14, "wan"),
    Column(_("Start date"), 12, "date"),
    Column(_("Maturity date"), 12, "date"),
)


def holder_names(loan: Loan) -> str:
    """The customer's current account managers (prefetched as `holders`), largest share
    first."""
    return "、".join(assignment.manager.name for assignment in loan.customer.holders)


def in_wan(amount) -> Decimal:
    return (Decimal(amount) / TEN_THOUSAND).quantize(Decimal("0.01"))


def loan_values(loan: Loan) -> tuple:
    return (
        loan.contract_number,
        loan.customer.number,
        loan.customer.name,
        loan.customer.unit.name,
        holder_names(loan),
        in_wan(loan.balance),
        loan.start_date,
        loan.due_on,
    )


def write_loans_xlsx(loans: Iterable[Loan], *, title: str, totals: LoanTotals, numbers: list):
    """Write the report to a temporary file and return it, positioned at the start; the
    customer numbers written are appended to `numbers` (for the access log)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=gettext("Loans falling due"))
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "B3"  # the title and header rows, the contract number

    title_cell = WriteOnlyCell(sheet, value=title)
    title_cell.font = Font(bold=True, size=14)
    sheet.append([title_cell])
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=str(column.header))
        header_style(cell)
        header.append(cell)
    sheet.append(header)

    rows = 0
    for loan in loans:
        sheet.append(_cells(sheet, loan_values(loan)))
        numbers.append(loan.customer.number)
        rows += 1
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(COLUMNS))}{rows + 2}"
    total = WriteOnlyCell(sheet, value=in_wan(totals.balance))
    total.number_format = NUMBER_FORMATS["wan"]
    total.font = Font(bold=True)
    label = gettext("Total: %(count)s loans") % {"count": totals.count}
    sheet.append([label, None, None, None, None, total])
    return saved_workbook(workbook)


def _cells(sheet, values) -> list:
    cells = []
    for column, value in zip(COLUMNS, values, strict=True):
        cell = WriteOnlyCell(sheet, value=value)
        if column.kind == "text":
            cell.data_type = "s"  # a name that looks like a formula stays text
        else:
            cell.number_format = NUMBER_FORMATS[column.kind]
        cells.append(cell)
    return cells
