"""FilterSets for visits and outings (R-VIS-1, R-VIS-2), shared by the pages and the API.
Every dropdown is limited to the user's scope, so no other unit's names leak."""

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from managers.filtersets import ALL, DATE_INPUT, SubtreeFilter, TextSearchFilter
from managers.models import AccountManager

from . import visit_selectors
from .choices import CustomerTier, VisitMethod
from .models import Assignment, Customer, Outing, Visit


class OutingStatus(models.TextChoices):
    """R-VIS-2: `open` and `returned` split the outings; `overdue` are the ones not closed
    by their deadline, still out or returned late."""

    OPEN = "open", _("Out (not back yet)")
    RETURNED = "returned", _("Returned")
    OVERDUE = "overdue", _("Overdue")


def scoped_customers(request):
    if request is None:
        return Customer.objects.none()
    return visit_selectors.customers_for(request.user)


def scoped_managers(request):
    if request is None:
        return AccountManager.objects.none()
    return visit_selectors.managers_for(request.user)


def _customer_filter():
    # A hidden id (pages link to it, e.g. from the overdue list): a head's customers are
    # too many for a dropdown. Ids outside the scope are a field error, not data.
    return django_filters.ModelChoiceFilter(
        label=_("Customer"), queryset=scoped_customers, widget=forms.HiddenInput
    )


def _manager_filter():
    return django_filters.ModelChoiceFilter(
        label=_("Account manager"), queryset=scoped_managers, empty_label=ALL
    )


class VisitFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="manager__unit__path")
    manager = _manager_filter()
    customer = _customer_filter()
    q = TextSearchFilter(
        label=_("Customer name or number"),
        lookups=("customer__name__icontains", "customer__number__istartswith"),
    )
    method = django_filters.ChoiceFilter(
        label=_("Method"), choices=VisitMethod.choices, empty_label=ALL
    )
    date_from = django_filters.DateFilter(
        label=_("From"), field_name="visited_at", lookup_expr="date__gte", widget=DATE_INPUT
    )
    date_to = django_filters.DateFilter(
        label=_("Until"), field_name="visited_at", lookup_expr="date__lte", widget=DATE_INPUT
    )

    class Meta:
        model = Visit
        fields = ["unit", "manager", "customer", "q", "method", "date_from", "date_to"]


class OutingStatusFilter(django_filters.ChoiceFilter):
    """Needs the `is_overdue` annotation of `visit_selectors.outings_for`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", OutingStatus.choices)
        kwargs.setdefault("empty_label", ALL)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value == OutingStatus.OPEN:
            return qs.filter(returned_at__isnull=True)
        if value == OutingStatus.RETURNED:
            return qs.filter(returned_at__isnull=False)
        if value == OutingStatus.OVERDUE:
            return qs.filter(is_overdue=True)
        return qs


class OutingFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="manager__unit__path")
    manager = _manager_filter()
    customer = _customer_filter()
    status = OutingStatusFilter(label=_("Status"))
    date_from = django_filters.DateFilter(
        label=_("Left from"), field_name="left_at", lookup_expr="date__gte", widget=DATE_INPUT
    )
    date_to = django_filters.DateFilter(
        label=_("Left until"), field_name="left_at", lookup_expr="date__lte", widget=DATE_INPUT
    )

    class Meta:
        model = Outing
        fields = ["unit", "manager", "customer", "status", "date_from", "date_to"]


@extend_schema_field(OpenApiTypes.INT)
class HolderFilter(django_filters.ModelChoiceFilter):
    """Customers currently held by the chosen account manager."""

    def filter(self, qs, value):
        if not value:
            return qs
        held = Assignment.objects.current().filter(manager=value).values("customer_id")
        return qs.filter(pk__in=held)


class VisitDueFilterSet(django_filters.FilterSet):
    """Filters of the customers-due-for-a-visit list (R-VIS-1)."""

    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="unit__path")
    manager = HolderFilter(label=_("Held by"), queryset=scoped_managers, empty_label=ALL)
    tier = django_filters.ChoiceFilter(
        label=_("Tier"), choices=CustomerTier.choices, empty_label=ALL
    )
    q = TextSearchFilter(
        label=_("Customer name or number"), lookups=("name__icontains", "number__istartswith")
    )

    class Meta:
        model = Customer
        fields = ["unit", "manager", "tier", "q"]
