"""Loans falling due (R-RPT-1, 到期贷款情况表): the page for a month (default: next month,
Asia/Shanghai) and its .xlsx export. Heads, credit officers, HR, compliance and
administrators see their subtree's loans; an account manager sees the loans of the
customers they currently hold (`Loan.scope_owner`)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.services import log_customer_access
from customers.choices import AccessAction
from managers.access import role_required
from managers.choices import Role
from managers.downloads import xlsx_response
from managers.paging import filtered_page

from .access import EVALUATION_PAGE_ROLES
from .loan_exports import write_loans_xlsx
from .loan_filtersets import MONTH_FORMAT, LoanFilterSet
from .loan_selectors import loans_for, next_month, totals

LOAN_READERS = EVALUATION_PAGE_ROLES | {Role.ACCOUNT_MANAGER}
ITERATOR_CHUNK = 2000


def with_default_month(request):
    """The query string, with next month when no month is chosen."""
    params = request.GET.copy()
    if not params.get("month"):
        params["month"] = next_month(timezone.localdate()).strftime(MONTH_FORMAT)
    return params


@role_required(LOAN_READERS)
def loan_list(request):
    params = with_default_month(request)
    context = filtered_page(request, LoanFilterSet, loans_for(request.user), params=params)
    context["totals"] = totals(context["page"].paginator.object_list)
    context["month"] = params["month"]
    return render(request, "performance/loan_list.html", context)


@role_required(LOAN_READERS)
def loan_download(request):
    """The filtered month as .xlsx; who exported which customers is logged (R-CUS-7)."""
    params = with_default_month(request)
    filterset = LoanFilterSet(params, queryset=loans_for(request.user), request=request)
    if not filterset.is_valid():
        messages.error(request, _("Correct the filters before downloading."))
        return redirect(f"{reverse('loan-list')}?{request.GET.urlencode()}")
    unit = filterset.form.cleaned_data.get("unit")
    unit_name = unit.name if unit else _scope_name(request.user)
    month = params["month"]
    title = f"{_('Loans falling due')} · {unit_name} · {month}"
    numbers: list[str] = []
    output = write_loans_xlsx(
        filterset.qs.iterator(chunk_size=ITERATOR_CHUNK),
        title=title,
        totals=totals(filterset.qs),
        numbers=numbers,
    )
    log_customer_access(
        request=request,
        action=AccessAction.EXPORT,
        customer_numbers=sorted(set(numbers)),
        fields="loans falling due",
        purpose=_("Loans falling due export"),
    )
    return xlsx_response(output, f"{_('Loans falling due')}-{unit_name}-{month}.xlsx")


def _scope_name(user) -> str:
    if user.sees_whole_bank or user.org_unit is None:
        return _("Whole bank")
    return user.org_unit.name
