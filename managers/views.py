"""Pages of the managers app. Thin: scope via selectors, filter via the shared FilterSets."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from compliance.home import compliance_home

from . import selectors
from .choices import Role
from .filtersets import AccountManagerFilterSet, OrgUnitFilterSet
from .hr_home import hr_home
from .paging import filtered_page


@login_required
def home(request):
    """A home that fits the role (R-ORG-2): HR and compliance officers get the queues
    they work from; everyone else the counts of their scope and their own entry page."""
    user = request.user
    role = Role.ADMIN if user.sees_whole_bank else user.role
    if role == Role.HR:
        return render(request, "managers/hr_home.html", {"home": hr_home(user)})
    if role == Role.COMPLIANCE:
        return render(request, "compliance/home.html", {"home": compliance_home(user)})
    counts = selectors.manager_status_counts(user)
    return render(
        request,
        "managers/home.html",
        {"status_counts": counts, "manager_total": sum(counts.values()), "role": role},
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
