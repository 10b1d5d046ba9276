"""Pages for visits (R-VIS-1) and outings (R-VIS-2). Thin: scope via the visit selectors,
filter via the shared FilterSets, write via the visit services.

Account managers log their own visits and outings and see only theirs; unit heads, HR,
compliance and administrators read their subtree's."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from managers.access import role_required
from managers.form_errors import add_service_errors
from managers.own_records import manager_of
from managers.paging import filtered_page

from . import visit_selectors as selectors
from . import visit_services
from .access import VISIT_READERS, VISIT_WRITERS
from .filtersets_visits import OutingFilterSet, VisitDueFilterSet, VisitFilterSet
from .visit_forms import OutingForm, VisitForm


def _acting_manager(request):
    refusal = visit_services.writer_refusal(request.user)
    if refusal:
        raise PermissionDenied(refusal)
    return manager_of(request.user)


def _is_writer(user) -> bool:
    return visit_services.writer_refusal(user) is None


@role_required(VISIT_READERS)
def visit_list(request):
    context = filtered_page(request, VisitFilterSet, selectors.visits_for(request.user))
    context["can_write"] = _is_writer(request.user)
    return render(request, "customers/visit_list.html", context)


@role_required(VISIT_WRITERS)
def visit_create(request):
    """R-VIS-1: an account manager logs a visit (links prefill customer and outing)."""
    manager = _acting_manager(request)
    initial = {name: request.GET[name] for name in ("customer", "outing") if name in request.GET}
    form = VisitForm(request.POST or None, user=request.user, manager=manager, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            visit_services.visit_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Visit saved."))
            return redirect("visit-list")
    return render(request, "customers/visit_form.html", {"form": form})


@role_required(VISIT_READERS)
def visits_overdue(request):
    """R-VIS-1: customers whose tier's visit interval has passed since the last visit."""
    today = timezone.localdate()
    queryset = selectors.customers_due_for_visit(request.user, today=today)
    context = filtered_page(request, VisitDueFilterSet, queryset)
    context["rows"] = [
        (customer, selectors.days_overdue(customer, today)) for customer in context["page"]
    ]
    context["can_write"] = _is_writer(request.user)
    return render(request, "customers/visit_overdue.html", context)


@role_required(VISIT_READERS)
def outing_list(request):
    """R-VIS-2: outings in scope, overdue ones flagged; an account manager's open
    outings come first with their "I'm back" button."""
    outings = selectors.outings_for(request.user)
    context = filtered_page(request, OutingFilterSet, outings)
    context["can_write"] = _is_writer(request.user)
    if context["can_write"]:
        context["my_open"] = list(
            outings.filter(returned_at__isnull=True, manager__user=request.user)
        )
    else:
        context["overdue_out"] = outings.filter(returned_at__isnull=True, is_overdue=True).count()
    return render(request, "customers/outing_list.html", context)


@role_required(VISIT_WRITERS)
def outing_create(request):
    """R-VIS-2: registered before leaving."""
    _acting_manager(request)
    form = OutingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            visit_services.outing_register(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Outing registered. Have a good visit."))
            return redirect("outing-list")
    return render(request, "customers/outing_form.html", {"form": form})


@role_required(VISIT_WRITERS)
@require_POST
def outing_return(request, pk: int):
    """R-VIS-2 "I'm back": an account manager closes their own open outing."""
    _acting_manager(request)
    outing = get_object_or_404(selectors.outings_for(request.user), pk=pk)
    try:
        visit_services.outing_return(actor=request.user, outing=outing)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Welcome back. The outing is closed."))
    return redirect("outing-list")
