"""Pages for grades: the roster and its downloads, proposals and decisions, trainees."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import grade_services, selectors
from .access import GRADE_ROLES, ROSTER_ROLES, role_required
from .choices import GradeChangeStatus
from .filtersets import AccountManagerFilterSet, GradeChangeFilterSet
from .form_errors import add_service_errors
from .forms import GradeChangeProposalForm, GradeDecisionForm
from .grade_permissions import decision_refusal
from .paging import filtered_page
from .roster import ROSTER_COLUMNS, RosterContext, roster_values
from .roster_files import RosterExport


@role_required(ROSTER_ROLES)
def roster(request):
    context = filtered_page(
        request, AccountManagerFilterSet, selectors.account_managers_for(request.user)
    )
    row_context = RosterContext.build(timezone.localdate())
    context["columns"] = ROSTER_COLUMNS
    context["rows"] = [
        (manager, zip(ROSTER_COLUMNS, roster_values(manager, row_context), strict=True))
        for manager in context["page"]
    ]
    context["ordering"] = request.GET.get("ordering", "")
    return render(request, "managers/roster.html", context)


@role_required(ROSTER_ROLES)
def roster_download(request, file_format: str):
    try:
        export = RosterExport.from_request(request, today=timezone.localdate())
    except ValidationError:
        messages.error(request, _("Correct the filters before downloading."))
        return redirect(f"{reverse('roster')}?{request.GET.urlencode()}")
    return export.response(file_format)


CANDIDATES_SHOWN = 50


@role_required(GRADE_ROLES)
def change_list(request):
    """The approval queue, and above it the promotion candidates of the latest
    evaluations (R-ELG-5) so that HR can propose them."""
    params = request.GET.copy()
    params.setdefault("status", GradeChangeStatus.PROPOSED)  # the approval queue first
    context = filtered_page(
        request, GradeChangeFilterSet, selectors.grade_changes_for(request.user), params=params
    )
    candidates = list(selectors.promotion_candidates_for(request.user)[: CANDIDATES_SHOWN + 1])
    context["candidates"] = candidates[:CANDIDATES_SHOWN]
    context["more_candidates"] = len(candidates) > CANDIDATES_SHOWN
    return render(request, "managers/grade_change_list.html", context)


@role_required(GRADE_ROLES)
def propose(request, manager_pk: int):
    manager = get_object_or_404(selectors.account_managers_for(request.user), pk=manager_pk)
    form = GradeChangeProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            change = grade_services.grade_change_propose(
                actor=request.user, manager=manager, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Proposal submitted for approval."))
            return redirect("grade-change-detail", pk=change.pk)
    return render(request, "managers/grade_change_form.html", {"manager": manager, "form": form})


@role_required(GRADE_ROLES)
def change_detail(request, pk: int):
    change = get_object_or_404(selectors.grade_changes_for(request.user), pk=pk)
    form = GradeDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("decision") == "approve":
                grade_services.grade_change_approve(
                    actor=request.user, change=change, **form.cleaned_data
                )
                messages.success(request, _("Approved: the appointment is in force."))
            else:
                grade_services.grade_change_reject(
                    actor=request.user, change=change, opinion=form.cleaned_data["opinion"]
                )
                messages.success(request, _("Rejected."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("grade-change-detail", pk=change.pk)
    context = {
        "change": change,
        "form": form,
        "refusal": decision_refusal(request.user, change),
        "is_open": change.status == GradeChangeStatus.PROPOSED,
    }
    return render(request, "managers/grade_change_detail.html", context)


@role_required(GRADE_ROLES)
def trainees(request):
    rows = selectors.trainees_ending(request.user, today=timezone.localdate(), within_days=30)
    return render(request, "managers/trainees.html", {"rows": rows})
