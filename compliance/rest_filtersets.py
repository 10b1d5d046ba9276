"""Filters of outing checks, deadline records, judicial measures and rotations, shared
by pages and the API (R-DIS-4, R-PRO-10, R-PRO-11)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from managers.filtersets import ALL, DATE_INPUT, SubtreeFilter
from meetings.filtersets import scoped_managers

from .deadlines import CreditApplication, CreditFileHandover
from .outings import OutingCheck
from .rotation import JudicialMeasure, RotationPolicy
from .rotation_selectors import shift_years


class ManagerFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="manager__unit__path")
    manager = django_filters.ModelChoiceFilter(
        label=_("Account manager"), queryset=scoped_managers, empty_label=ALL
    )


def _dates(field: str):
    return (
        django_filters.DateFilter(
            label=_("From"), field_name=field, lookup_expr="gte", widget=DATE_INPUT
        ),
        django_filters.DateFilter(
            label=_("Until"), field_name=field, lookup_expr="lte", widget=DATE_INPUT
        ),
    )


class OutingCheckFilterSet(ManagerFilterSet):
    date_from, date_to = _dates("checked_at__date")
    at_registered_place = django_filters.BooleanFilter(label=_("Found at the registered place"))

    class Meta:
        model = OutingCheck
        fields = ["unit", "manager", "date_from", "date_to", "at_registered_place"]


class CreditFileHandoverFilterSet(ManagerFilterSet):
    due_from, due_to = _dates("due_on")

    class Meta:
        model = CreditFileHandover
        fields = ["unit", "manager", "due_from", "due_to"]


class CreditApplicationFilterSet(CreditFileHandoverFilterSet):
    class Meta:
        model = CreditApplication
        fields = ["unit", "manager", "due_from", "due_to"]


class JudicialMeasureFilterSet(ManagerFilterSet):
    in_force_on = django_filters.DateFilter(
        label=_("In force on"), method="filter_in_force", widget=DATE_INPUT
    )

    class Meta:
        model = JudicialMeasure
        fields = ["unit", "manager", "in_force_on"]

    def filter_in_force(self, queryset, name, value):
        return queryset.in_force(value)


class RotationFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="unit__path")
    due_before = django_filters.DateFilter(
        label=_("Rotation due by"), method="filter_due_before", widget=DATE_INPUT
    )

    def filter_due_before(self, queryset, name, value):
        return queryset.filter(held_since__lte=shift_years(value, -RotationPolicy.current().years))
