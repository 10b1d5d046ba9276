"""Pages where compliance records are kept: outing checks (unit heads, compliance),
credit file handovers and credit applications (unit heads, credit officers,
compliance), judicial measures (HR). Each page is a scoped, filtered list with a form
above it; writes go through the services (R-DIS-4, R-PRO-11)."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from managers.access import role_required
from managers.choices import Role
from managers.form_errors import add_service_errors
from managers.paging import filtered_page

from . import deadline_services, judicial_services, outing_services
from . import record_forms as forms
from . import rest_filtersets as filters
from .deadline_rules import is_late
from .deadlines import CreditApplication, CreditFileHandover
from .outings import OutingCheck
from .rotation import JudicialMeasure


@dataclass(frozen=True)
class RecordPage:
    model: type
    form: type
    filterset: type
    title: str
    writers: frozenset
    related: tuple = ("manager__unit",)
    editable: bool = False


def _check(actor, data):
    return outing_services.outing_check_record(actor=actor, **data)


def _measure(actor, data):
    return judicial_services.judicial_measure_record(actor=actor, **data)


HEADS = frozenset({Role.UNIT_HEAD, Role.COMPLIANCE})
CREDIT = frozenset({Role.UNIT_HEAD, Role.CREDIT_OFFICER, Role.COMPLIANCE})
PAGES = {
    "outing-checks": RecordPage(
        OutingCheck,
        forms.OutingCheckForm,
        filters.OutingCheckFilterSet,
        gettext_lazy("outing checks"),
        HEADS,
        ("manager__unit", "outing", "checked_by"),
    ),
    "credit-file-handovers": RecordPage(
        CreditFileHandover,
        forms.CreditFileHandoverForm,
        filters.CreditFileHandoverFilterSet,
        gettext_lazy("credit file handovers"),
        CREDIT,
        ("manager__unit", "customer"),
        editable=True,
    ),
    "credit-applications": RecordPage(
        CreditApplication,
        forms.CreditApplicationForm,
        filters.CreditApplicationFilterSet,
        gettext_lazy("credit applications"),
        CREDIT,
        ("manager__unit", "customer"),
        editable=True,
    ),
    "judicial-measures": RecordPage(
        JudicialMeasure,
        forms.JudicialMeasureForm,
        filters.JudicialMeasureFilterSet,
        gettext_lazy("judicial measures"),
        frozenset({Role.HR}),
    ),
}
SAVERS = {"outing-checks": _check, "judicial-measures": _measure}
READERS = frozenset({Role.UNIT_HEAD, Role.CREDIT_OFFICER, Role.HR, Role.COMPLIANCE})


def _save(kind: str, page: RecordPage, actor, form):
    if page.editable:
        return deadline_services.deadline_record(actor=actor, record=form.instance)
    return SAVERS[kind](actor, form.cleaned_data)


@role_required(READERS)
def record_list(request, kind: str):
    page = PAGES.get(kind)
    if page is None:
        raise Http404
    rows = page.model.objects.restrict(request.user).select_related(*page.related)
    can_write = request.user.sees_whole_bank or request.user.role in page.writers
    instance = None
    if page.editable and request.GET.get("edit"):
        instance = get_object_or_404(rows, pk=request.GET["edit"])
    form = None
    if can_write:
        extra = {"instance": instance} if page.editable else {}
        form = page.form(request.POST or None, user=request.user, **extra)
        if request.method == "POST" and form.is_valid():
            try:
                _save(kind, page, request.user, form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("compliance-records", kind=kind)
    elif request.method == "POST":
        raise PermissionDenied
    context = filtered_page(request, page.filterset, rows)
    today = timezone.localdate()
    for row in context["page"]:
        row.late = page.editable and is_late(row, today)
    context |= {"kind": kind, "title": page.title, "form": form, "editable": page.editable}
    return render(request, "compliance/records.html", context)
