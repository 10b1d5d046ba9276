"""Pages of the managers app. Thin: scope via selectors, filter via the shared FilterSets."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from . import selectors
from .filtersets import AccountManagerFilterSet, OrgUnitFilterSet
from .paging import filtered_page


@login_required
def home(request):
    counts = selectors.manager_status_counts(request.user)
    return render(
        request,
        "managers/home.html",
        {"status_counts": counts, "manager_total": sum(counts.values())},
    )


@login_required
def manager_list(request):
    context = filtered_page(
        request, AccountManagerFilterSet, selectors.account_managers_for(request.user)
    )
    return render(request, "managers/manager_list.html", context)


@login_required
def manager_detail(request, pk: int):
    manager = get_object_or_404(selectors.account_managers_for(request.user), pk=pk)
    history = manager.history.select_related("history_user").order_by("-history_date")[:50]
    return render(request, "managers/manager_detail.html", {"manager": manager, "history": history})


@login_required
def my_profile(request):
    manager = selectors.account_managers_for(request.user).filter(user=request.user).first()
    if manager is None:
        raise Http404
    return redirect("manager-detail", pk=manager.pk)


@login_required
def orgunit_list(request):
    context = filtered_page(
        request, OrgUnitFilterSet, selectors.org_units_with_manager_counts(request.user)
    )
    return render(request, "managers/orgunit_list.html", context)
