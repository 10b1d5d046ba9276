"""Filters of the prohibitions, violation cases, acknowledgements and disciplinary
actions, shared by the pages and the API. Dropdowns list only what the user may see."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from managers.filtersets import ALL, DATE_INPUT, YES_NO_ALL, SubtreeFilter, TextSearchFilter
from managers.models import AccountManager

from .choices_cases import ActionStatus, CaseStatus, DisciplineKind, Trigger
from .discipline import DisciplinaryAction
from .prohibitions import Prohibition
from .violations import ViolationCase


def visible_managers(request):
    if request is None:
        return AccountManager.objects.none()
    return AccountManager.objects.restrict(request.user).order_by("employee_number")


def all_rules(request):
    return Prohibition.objects.all()


class ProhibitionFilterSet(django_filters.FilterSet):
    is_active = django_filters.BooleanFilter(label=_("In force"), widget=YES_NO_ALL)

    class Meta:
        model = Prohibition
        fields = ["is_active"]


class ViolationCaseFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="unit__path")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CaseStatus.choices, empty_label=ALL
    )
    rule = django_filters.ModelChoiceFilter(
        label=_("Rule"), field_name="rules", queryset=all_rules, empty_label=ALL, distinct=True
    )
    manager = django_filters.ModelChoiceFilter(
        label=_("Account manager"), queryset=visible_managers, empty_label=ALL
    )
    customer = TextSearchFilter(label=_("Customer number"), lookups=("customers__number",))
    occurred_from = django_filters.DateFilter(
        label=_("Occurred from"), field_name="occurred_on", lookup_expr="gte", widget=DATE_INPUT
    )
    occurred_to = django_filters.DateFilter(
        label=_("Occurred until"), field_name="occurred_on", lookup_expr="lte", widget=DATE_INPUT
    )

    class Meta:
        model = ViolationCase
        fields = ["unit", "status", "rule", "manager", "customer", "occurred_from", "occurred_to"]


class DisciplinaryActionFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="manager__unit__path")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ActionStatus.choices, empty_label=ALL
    )
    kind = django_filters.ChoiceFilter(
        label=_("Action"), choices=DisciplineKind.choices, empty_label=ALL
    )
    trigger = django_filters.ChoiceFilter(
        label=_("Trigger"), choices=Trigger.choices, empty_label=ALL
    )
    manager = django_filters.ModelChoiceFilter(
        label=_("Account manager"), queryset=visible_managers, empty_label=ALL
    )
    case = django_filters.NumberFilter(
        label=_("Violation case (id)"), field_name="case", widget=forms.HiddenInput
    )
    in_force_on = django_filters.DateFilter(
        label=_("In force on"), method="filter_in_force", widget=DATE_INPUT
    )
    started_from = django_filters.DateFilter(
        label=_("From"), field_name="start_date", lookup_expr="gte", widget=DATE_INPUT
    )
    started_to = django_filters.DateFilter(
        label=_("Until"), field_name="start_date", lookup_expr="lte", widget=DATE_INPUT
    )

    class Meta:
        model = DisciplinaryAction
        fields = [
            "unit",
            "status",
            "kind",
            "trigger",
            "manager",
            "case",
            "in_force_on",
            "started_from",
            "started_to",
        ]

    def filter_in_force(self, queryset, name, value):
        """Confirmed actions running on the day (an admonishment: within its six months;
        other kinds: from their start)."""
        if not value:
            return queryset
        running = queryset.filter(status=ActionStatus.CONFIRMED, start_date__lte=value)
        return running.exclude(end_date__lt=value)


class AcknowledgementFilterSet(django_filters.FilterSet):
    """Over `case_selectors.acknowledgement_status_for` (annotated account managers)."""

    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="unit__path")
    current = django_filters.BooleanFilter(
        label=_("Acknowledged the catalogue in force"), widget=YES_NO_ALL
    )

    class Meta:
        model = AccountManager
        fields = ["unit", "current"]
