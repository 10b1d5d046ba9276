"""Customer pages: list and export, detail with masked personal data and reveal, assignment,
transfer, unassigned customers (R-CUS-2, R-CUS-4, R-CUS-7)."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from compliance.services import log_customer_access, log_personal_data_reveal
from managers.access import role_required
from managers.paging import filtered_page

from . import selectors, services
from .access import ASSIGNER_PAGE_ROLES, CUSTOMER_PAGE_ROLES, may_assign, may_reveal
from .choices import AccessAction
from .filtersets import CustomerFilterSet
from .forms import AssignForm, BulkAssignForm, EndAssignmentForm, RevealForm, TransferForm
from .validators import mask_middle


def _messages_of(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for messages_ in error.message_dict.values() for m in messages_]
    return error.messages


def _report(request, error: ValidationError) -> None:
    for message in _messages_of(error):
        messages.error(request, message)


def _warn(request, results) -> None:
    for result in results:
        for warning in result.warnings:
            messages.warning(request, f"{result.assignment.customer.name}: {warning}")


@role_required(CUSTOMER_PAGE_ROLES)
def customer_list(request):
    context = filtered_page(request, CustomerFilterSet, selectors.customers_for(request.user))
    return render(request, "customers/customer_list.html", context)


EXPORT_HEADERS = (
    "number",
    "name",
    "kind",
    "credit",
    "unit",
    "opened_on",
    "source",
    "tier",
    "contact",
    "id_number",
    "phone",
    "holders",
)


@role_required(CUSTOMER_PAGE_ROLES)
def customer_export(request):
    """The filtered list as CSV, personal data masked; the export itself is logged."""
    filterset = CustomerFilterSet(
        request.GET, queryset=selectors.customers_for(request.user), request=request
    )
    if not filterset.is_valid():
        messages.error(request, _("Correct the filters before downloading."))
        return redirect("customer-list")
    customers = list(filterset.qs)
    log_customer_access(
        request=request,
        action=AccessAction.EXPORT,
        customer_numbers=[c.number for c in customers],
        fields="masked list",
        purpose=_("Customer list export"),
    )
    return StreamingHttpResponse(
        _csv_rows(customers),
        content_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": content_disposition_header(
                True, f"{_('Customers')}-{timezone.localdate():%Y%m%d}.csv"
            )
        },
    )


def _csv_rows(customers):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    headers = [
        _("Customer number"),
        _("Name"),
        _("Kind"),
        _("Credit customer"),
        _("Org unit"),
        _("Account opened on"),
        _("Source"),
        _("Tier"),
        _("Contact person"),
        _("ID number"),
        _("Mobile phone"),
        _("Account managers"),
    ]
    writer.writerow(headers)
    yield "\ufeff" + buffer.getvalue()
    for customer in customers:
        buffer.seek(0)
        buffer.truncate()
        holders = "、".join(
            f"{a.manager.name} {a.credit_share:.0%}" for a in customer.current_assignments
        )
        writer.writerow(
            [
                customer.number,
                customer.name,
                customer.get_kind_display(),
                _("Yes") if customer.is_credit else _("No"),
                customer.unit.name,
                customer.opened_on.isoformat(),
                customer.get_source_display(),
                customer.get_tier_display(),
                customer.contact_person,
                mask_middle(customer.id_number),
                mask_middle(customer.phone),
                holders,
            ]
        )
        yield buffer.getvalue()


@role_required(CUSTOMER_PAGE_ROLES)
def customer_detail(request, pk: int):
    customer = get_object_or_404(selectors.customers_for(request.user), pk=pk)
    reveal_form = RevealForm(request.POST or None)
    revealed = False
    if request.method == "POST":
        if not may_reveal(request.user):
            raise PermissionDenied
        if reveal_form.is_valid():
            log_personal_data_reveal(
                request=request, customer=customer, purpose=reveal_form.cleaned_data["purpose"]
            )
            revealed = True
    assigner = may_assign(request.user)
    context = {
        "customer": customer,
        "revealed": revealed,
        "id_number": customer.id_number if revealed else mask_middle(customer.id_number),
        "phone": customer.phone if revealed else mask_middle(customer.phone),
        "reveal_form": reveal_form,
        "may_reveal": may_reveal(request.user),
        "assignments": customer.assignments.select_related("manager", "created_by"),
        "transfers": customer.transfers.select_related("from_manager", "to_manager"),
        "assign_form": AssignForm(user=request.user) if assigner else None,
        "transfer_form": TransferForm(user=request.user, customer=customer) if assigner else None,
    }
    return render(request, "customers/customer_detail.html", context)


@require_POST
@role_required(ASSIGNER_PAGE_ROLES)
def assign(request, pk: int):
    customer = get_object_or_404(selectors.customers_for(request.user), pk=pk)
    form = AssignForm(request.POST, user=request.user)
    if not form.is_valid():
        _report(request, ValidationError(form.errors))
        return redirect("customer-detail", pk=pk)
    try:
        result = services.assignment_create(
            actor=request.user, customer=customer, **form.cleaned_data
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("Assigned."))
        _warn(request, [result])
    return redirect("customer-detail", pk=pk)


@require_POST
@role_required(ASSIGNER_PAGE_ROLES)
def transfer(request, pk: int):
    customer = get_object_or_404(selectors.customers_for(request.user), pk=pk)
    form = TransferForm(request.POST, user=request.user, customer=customer)
    if not form.is_valid():
        _report(request, ValidationError(form.errors))
        return redirect("customer-detail", pk=pk)
    try:
        services.customer_transfer(actor=request.user, customer=customer, **form.cleaned_data)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("Transferred."))
    return redirect("customer-detail", pk=pk)


@require_POST
@role_required(ASSIGNER_PAGE_ROLES)
def end_assignment(request, pk: int):
    assignment = get_object_or_404(selectors.assignments_for(request.user), pk=pk)
    form = EndAssignmentForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors)
        services.assignment_end(
            actor=request.user, assignment=assignment, end_date=form.cleaned_data["end_date"]
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("Assignment ended."))
    return redirect("customer-detail", pk=assignment.customer_id)


@role_required(ASSIGNER_PAGE_ROLES)
def unassigned(request):
    """R-CUS-2 (分田到户): customers nobody holds, assigned in bulk."""
    candidates = selectors.unassigned_customers_for(request.user)
    form = BulkAssignForm(request.POST or None, user=request.user, customers=candidates)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            results = services.bulk_assign(
                actor=request.user,
                customers=list(data["customers"]),
                manager=data["manager"],
                credit_share=data["credit_share"],
                start_date=data["start_date"],
            )
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(request, _("%(n)d customers assigned.") % {"n": len(results)})
            _warn(request, results)
            return redirect("customers-unassigned")
    page = filtered_page(request, CustomerFilterSet, candidates)
    return render(request, "customers/unassigned.html", {**page, "form": form})
