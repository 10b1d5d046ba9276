"""Filters of the loans-falling-due list and its export (R-RPT-1): the month of maturity
and the org unit (and below) of the customer."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from managers.filtersets import SubtreeFilter

from .loan_selectors import month_end
from .models import Loan

MONTH_FORMAT = "%Y-%m"


class LoanFilterSet(django_filters.FilterSet):
    month = django_filters.DateFilter(
        label=_("Falling due in"),
        method="filter_month",
        input_formats=[MONTH_FORMAT],
        widget=forms.DateInput(attrs={"type": "month"}, format=MONTH_FORMAT),
    )
    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="customer__unit__path")

    class Meta:
        model = Loan
        fields = ["month", "unit"]

    def filter_month(self, queryset, name, value):
        first = value.replace(day=1)
        return queryset.filter(due_on__range=(first, month_end(first)))
