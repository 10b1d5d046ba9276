"""Leave pages (R-MTG-2): account managers and credit officers ask leave in advance (or
their credit officer or head records it for them); the unit head approves or refuses it
before the meeting starts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from managers.access import role_required
from managers.form_errors import add_service_errors
from managers.paging import filtered_page

from . import access, leave_services, selectors
from .filtersets import LeaveRequestFilterSet
from .forms import DecisionForm, LeaveForm


@role_required(access.LEAVE_PAGE_ROLES)
def leave_list(request):
    context = filtered_page(
        request, LeaveRequestFilterSet, selectors.leave_requests_for(request.user)
    )
    context["can_approve"] = access.may_approve_leave(request.user)
    context["can_ask"] = access.may_ask_leave(request.user)
    return render(request, "meetings/leave_list.html", context)


@role_required(access.LEAVE_PAGE_ROLES)
def leave_create(request):
    form = LeaveForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            leave_services.leave_request(
                actor=request.user,
                member=data["person"],
                date_from=data["date_from"],
                date_to=data["date_to"],
                reason=data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Leave asked. The unit head decides before the meeting."))
            return redirect("leave-request-list")
    return render(request, "meetings/leave_form.html", {"form": form})


@role_required(access.LEAVE_APPROVERS)
@require_POST
def leave_decide(request, pk: int):
    """Approve (`decision=approve`) or refuse (`decision=reject`, with a note)."""
    leave = get_object_or_404(selectors.leave_requests_for(request.user), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():  # e.g. a NUL character in the note: decide nothing (issue #9)
        messages.error(request, " ".join(form.errors["note"]))
        return redirect("leave-request-list")
    note = form.cleaned_data["note"]
    decide = (
        leave_services.leave_approve
        if request.POST.get("decision") == "approve"
        else leave_services.leave_reject
    )
    try:
        decide(actor=request.user, leave=leave, note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Decision saved."))
    return redirect("leave-request-list")
