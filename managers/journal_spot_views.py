"""Spot-check pages (R-JNL-1 "heads spot-check journals"): draw a random sample of a
period's submitted journals in the head's subtree, read it, write a conclusion. The
sample is recorded, so the head sees the same journals whenever they come back."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import journal_selectors as selectors
from . import journal_services as services
from .access import role_required
from .journal_access import SPOT_CHECKERS
from .journal_forms import ConclusionForm, SpotCheckForm, show_service_errors
from .paging import PAGE_SIZE


@role_required(SPOT_CHECKERS)
def spot_check_list(request):
    """Earlier spot checks of the subtree, and the form that draws a new one."""
    form = SpotCheckForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            spot_check = services.spot_check_draw(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Sample drawn."))
            return redirect("spot-check-detail", pk=spot_check.pk)
    spot_checks = Paginator(selectors.spot_checks_for(request.user), PAGE_SIZE)
    context = {"form": form, "page": spot_checks.get_page(request.GET.get("page"))}
    return render(request, "managers/journals/spot_check_list.html", context)


@role_required(SPOT_CHECKERS)
def spot_check_detail(request, pk: int):
    spot_check = get_object_or_404(selectors.spot_checks_for(request.user), pk=pk)
    initial = {"conclusion": spot_check.conclusion}
    form = ConclusionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.spot_check_conclude(
                actor=request.user, spot_check=spot_check, **form.cleaned_data
            )
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            messages.success(request, _("Conclusion saved."))
            return redirect("spot-check-detail", pk=spot_check.pk)
    context = {
        "spot_check": spot_check,
        "journals": selectors.sampled_journals(spot_check, request.user),
        "form": form,
    }
    return render(request, "managers/journals/spot_check_detail.html", context)
