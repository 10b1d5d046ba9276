"""Pages for importing monthly figures (DOMAIN §3): the upload form, the list of imports,
an import's page (progress while it runs, then the counts or every problem by row and
column), the template and the problems as .xlsx to download."""

import io
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from config.celery import QueueUnavailable
from managers.downloads import xlsx_response
from managers.import_files import body_over_limit, too_large_message
from managers.import_reports import error_workbook
from managers.paging import PAGE_SIZE

from . import figure_files
from .figure_forms import FigureUploadForm, file_format
from .figure_imports import figure_import_submit, may_import_figures
from .figure_template import column_guide, import_rules, template_workbook
from .selectors import visible_imports


def importer_required(view):
    """Only users who may import figures (HR, admins, integration, whole-bank users)."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not may_import_figures(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _form_page(request, form, refused: str = ""):
    context = {
        "form": form,
        "columns": column_guide(),
        "rules": import_rules(),
        "refused": refused,
    }
    return render(request, "performance/figure_import_form.html", context)


@csrf_exempt  # checked in _upload, once the size guard is in place (see Django's upload docs)
@importer_required
def figure_import(request):
    """GET: the upload form. POST: record the import, run it (or queue it) and show it."""
    if request.method != "POST":
        return _form_page(request, FigureUploadForm())
    if body_over_limit(request, figure_files.MAX_FILE_BYTES):
        message = too_large_message(figure_files.MAX_FILE_LABEL)
        return _form_page(request, FigureUploadForm(), refused=message)
    return _upload(request)


@csrf_protect
def _upload(request):
    form = FigureUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_page(request, form)
    upload = form.cleaned_data["file"]
    try:
        record = figure_import_submit(
            actor=request.user,
            file_name=upload.name,
            file_format=file_format(upload.name),
            content=upload.read(),
        )
    except QueueUnavailable as down:  # a large file, with Redis down (issue #9)
        return _form_page(request, FigureUploadForm(), refused=str(down.message))
    return redirect("figure-import-detail", record.pk)


@importer_required
def figure_import_template(request):
    output = io.BytesIO(template_workbook())
    name = _("figure-import-template")
    return xlsx_response(output, f"{name}.xlsx")


@importer_required
def figure_import_list(request):
    imports = visible_imports(request.user).defer("errors")
    page = Paginator(imports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "performance/figure_import_list.html", {"page": page, "query": ""})


@importer_required
def figure_import_detail(request, pk: int):
    record = get_object_or_404(visible_imports(request.user), pk=pk)
    return render(request, "performance/figure_import_detail.html", {"record": record})


@importer_required
def figure_import_progress(request, pk: int):
    """The status fragment the import's page polls (htmx) until the import has finished."""
    record = get_object_or_404(visible_imports(request.user), pk=pk)
    return render(request, "performance/figure_import_status.html", {"record": record})


@importer_required
def figure_import_errors(request, pk: int):
    """The problems kept on a rejected (or failed) import, as .xlsx."""
    record = get_object_or_404(visible_imports(request.user), pk=pk)
    if not record.errors:
        raise Http404
    output = error_workbook(record.errors, total=len(record.errors))
    name = _("figure-import-errors")
    return xlsx_response(output, f"{name}-{record.pk}.xlsx")
