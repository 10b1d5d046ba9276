"""Compliance pages. The customer-data access log is read-only (R-PRO-8)."""

from django.shortcuts import render

from managers.access import role_required
from managers.choices import Role
from managers.paging import filtered_page

from .filtersets import CustomerDataAccessFilterSet
from .models import CustomerDataAccess

LOG_READERS = frozenset({Role.COMPLIANCE, Role.ADMIN})


@role_required(LOG_READERS)
def access_log(request):
    entries = CustomerDataAccess.objects.restrict(request.user).select_related("user")
    context = filtered_page(request, CustomerDataAccessFilterSet, entries)
    return render(request, "compliance/access_log.html", context)
