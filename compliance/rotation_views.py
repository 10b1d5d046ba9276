"""The rotation page (R-PRO-11): account managers whose rotation falls due within the
policy's notice period (by default), with how many customers they hold and since when."""

from django.shortcuts import render
from django.utils import timezone

from managers.access import role_required
from managers.choices import Role
from managers.paging import filtered_page

from .rest_filtersets import RotationFilterSet
from .rotation import RotationPolicy
from .rotation_selectors import notice_horizon, rotation_list, with_due_dates

ROTATION_READERS = frozenset({Role.HR, Role.COMPLIANCE, Role.UNIT_HEAD})


@role_required(ROTATION_READERS)
def rotation_due(request):
    today = timezone.localdate()
    policy = RotationPolicy.current()
    params = request.GET.copy()
    params.setdefault("due_before", notice_horizon(today, policy).isoformat())
    rows = rotation_list(user=request.user, today=today)
    context = filtered_page(request, RotationFilterSet, rows, params=params)
    page = context["page"]
    page.object_list = with_due_dates(list(page.object_list), policy)
    context |= {"policy": policy, "today": today}
    return render(request, "compliance/rotation_due.html", context)
