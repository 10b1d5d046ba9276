"""Pages for importing customers and their assignments (R-CUS-1…4, R-PRO-8): the upload form,
the result (counts, or every problem by row and column with nothing saved), the template
and the error report to download."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from managers.access import role_required
from managers.choices import ManagerStatus
from managers.downloads import xlsx_response
from managers.import_files import MAX_REPORTED_ERRORS, RowError, body_over_limit, left_out_message
from managers.import_reports import error_workbook, header_style, saved_workbook
from managers.models import AccountManager

from . import import_services
from .import_services import IMPORT_ROLES
from .imports import (
    COLUMNS,
    MAX_DATA_ROWS,
    MAX_FILE_BYTES,
    MAX_FILE_LABEL,
    too_large_message,
)

SESSION_KEY = "customer_import_report"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv", "class": "form-control"}),
    )


def _form_page(request, form, problems=()):
    context = {
        "form": form,
        "columns": COLUMNS,
        "size_limit": MAX_FILE_LABEL,
        "row_limit": f"{MAX_DATA_ROWS:,}",
        "problems": problems,
    }
    return render(request, "customers/import_form.html", context)


@csrf_exempt  # checked in _upload, once the size guard is in place (see Django's upload docs)
@role_required(IMPORT_ROLES)
def customer_import(request):
    """GET: the upload form. POST: import the file, all or nothing."""
    if request.method != "POST":
        return _form_page(request, ImportForm())
    if body_over_limit(request, MAX_FILE_BYTES):
        return _form_page(request, ImportForm(), [RowError(None, None, too_large_message())])
    return _upload(request)


@csrf_protect
def _upload(request):
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_page(request, form)
    upload = form.cleaned_data["file"]
    outcome = import_services.customer_import_upload(
        actor=request.user,
        upload=upload,
        today=timezone.localdate(),
        ip_address=request.META.get("REMOTE_ADDR"),
        path=request.path,
    )
    shown = outcome.errors[:MAX_REPORTED_ERRORS]
    if outcome.errors:
        request.session[SESSION_KEY] = {
            "file": upload.name[:200],
            "total": len(outcome.errors),
            "rows": [error.as_dict() for error in shown],
        }
    else:
        request.session.pop(SESSION_KEY, None)
    context = {
        "file_name": upload.name,
        "result": outcome.result,
        "errors": shown,
        "error_total": len(outcome.errors),
        "left_out": left_out_message(len(outcome.errors))
        if len(outcome.errors) > len(shown)
        else "",
        "warnings": outcome.result.warnings[:MAX_REPORTED_ERRORS] if outcome.result else [],
    }
    return render(request, "customers/import_result.html", context)


@role_required(IMPORT_ROLES)
def customer_import_template(request):
    """The template: headers, an example row valid for the user's own unit, and a sheet
    explaining each column."""
    example_manager = (
        AccountManager.objects.restrict(request.user)
        .filter(status=ManagerStatus.ACTIVE)
        .order_by("employee_number")
        .values_list("employee_number", flat=True)
        .first()
    )
    unit = request.user.org_unit
    output = template_workbook(
        unit_code=unit.code if unit else "", manager_number=example_manager or ""
    )
    name = _("customer-import-template")
    return xlsx_response(output, f"{name}.xlsx")


@role_required(IMPORT_ROLES)
def customer_import_errors(request):
    """The problems of the user's last import that failed, as .xlsx."""
    report = request.session.get(SESSION_KEY)
    if not report:
        messages.info(request, _("There is no error report: import a file first."))
        return redirect("customer-import")
    output = error_workbook(report["rows"], total=report["total"])
    name = _("customer-import-errors")
    return xlsx_response(output, f"{name}.xlsx")


# --- workbooks -------------------------------------------------------------------------


VALUE_LISTS = {
    "kind": '"对公,个人"',
    "source": '"自然增长,自己营销,公共资源,他人移交"',
    "is_credit": '"是,否"',
    "has_basic_account": '"是,否"',
}


def template_workbook(*, unit_code: str, manager_number: str):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Customers")
    examples = {"unit_code": unit_code, "main_manager": manager_number}
    if not manager_number:
        examples["main_share"] = ""
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, len(column.header) * 2 + 4)
        if column.text:
            sheet.column_dimensions[letter].number_format = "@"
        header = sheet.cell(row=1, column=index, value=column.header)
        header_style(header)
        example = sheet.cell(row=2, column=index, value=examples.get(column.key, column.example))
        example.font = Font(italic=True, color="808080")
        if column.text:
            example.number_format = "@"
        elif column.key == "opened_on":
            example.number_format = "yyyy-mm-dd"
        elif column.key in {"deposit_daily_avg", "loan_balance"}:
            example.number_format = "#,##0.00"
        if column.key in VALUE_LISTS:
            validation = DataValidation(type="list", formula1=VALUE_LISTS[column.key])
            validation.add(f"{letter}2:{letter}{MAX_DATA_ROWS + 1}")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "B2"

    notes = workbook.create_sheet(_("Instructions"))
    headings = [_("Column"), _("Required"), _("What to enter"), _("Example")]
    notes.append(headings)
    for cell in notes[1]:
        header_style(cell)
    for column in COLUMNS:
        example = column.example
        example = example.isoformat() if hasattr(example, "isoformat") else str(example)
        required = _("Yes") if column.required else _("No")
        notes.append([column.header, required, str(column.help), example])
    notes.append([])
    for line in (
        _("One row per customer; the first row holds the headers. Delete the grey example row."),
        _("At most %(rows)s customers and %(size)s per file, .xlsx or .csv (UTF-8 or GB18030).")
        % {"rows": f"{MAX_DATA_ROWS:,}", "size": MAX_FILE_LABEL},
        _(
            "An empty optional cell keeps what is registered for a customer that already "
            "exists. Importing the same file again changes nothing."
        ),
        _(
            "If any row has a problem, nothing is saved: download the error report, correct "
            "the rows it lists and import the whole file again."
        ),
        _(
            "A customer already held by account managers keeps them: change them with a "
            "transfer, not with an import."
        ),
    ):
        notes.append([line])
    for letter, width in zip("ABCD", (20, 10, 80, 22), strict=True):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return saved_workbook(workbook)
