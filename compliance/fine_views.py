"""The compliance page of fine proposals (R-DIS-4, R-MTG-2): a scoped, filtered list with
totals per person and per unit; compliance officers confirm or waive each proposal."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from managers.access import role_required
from managers.choices import Role
from managers.form_errors import error_text, posted_text, safe_next
from managers.paging import filtered_page

from . import fine_services
from .fine_choices import FineStatus
from .fine_filtersets import FineProposalFilterSet
from .fines import FineProposal

FINE_READERS = frozenset({Role.COMPLIANCE, Role.UNIT_HEAD, Role.HR, Role.ADMIN})
OPEN = (FineStatus.PROPOSED, FineStatus.CONFIRMED)


def proposals_for(user):
    return FineProposal.objects.restrict(user).select_related(
        "manager", "staff", "unit", "meeting__meeting_type", "decided_by"
    )


def _totals(rows, *group):
    """Proposed and confirmed amounts per `group` (withdrawn and waived ones excluded)."""
    return (
        rows.values(*group)
        .annotate(
            count=Count("pk", filter=Q(status__in=OPEN)),
            proposed=Sum("amount", filter=Q(status=FineStatus.PROPOSED)),
            confirmed=Sum("amount", filter=Q(status=FineStatus.CONFIRMED)),
        )
        .filter(count__gt=0)
        .order_by(*group)
    )


@role_required(FINE_READERS)
def fine_list(request):
    context = filtered_page(request, FineProposalFilterSet, proposals_for(request.user))
    filterset = context["filter"]
    valid = filterset.is_valid() or not filterset.is_bound
    rows = filterset.qs if valid else FineProposal.objects.none()
    context["by_unit"] = list(_totals(rows, "unit__path", "unit__name"))
    context["by_person"] = list(
        _totals(
            rows,
            "unit__path",
            "manager__name",
            "manager__employee_number",
            "staff__last_name",
            "staff__first_name",
            "staff__username",
        )[:200]
    )
    context["can_decide"] = fine_services.decider_refusal(request.user) is None
    return render(request, "compliance/fine_list.html", context)


@role_required(frozenset({Role.COMPLIANCE}))
@require_POST
def fine_decide(request, pk: int):
    """Confirm (`decision=confirm`) or waive (`decision=waive`, with a note)."""
    proposal = get_object_or_404(proposals_for(request.user), pk=pk)
    try:
        note = posted_text(request, "note")
        if request.POST.get("decision") == "confirm":
            fine_services.fine_confirm(actor=request.user, proposal=proposal, note=note)
        else:
            fine_services.fine_waive(actor=request.user, proposal=proposal, note=note)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Decision saved."))
    return redirect(safe_next(request) or reverse("fine-list"))
