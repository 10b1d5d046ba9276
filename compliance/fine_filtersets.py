"""Filters of fine proposals (R-DIS-4), shared by the compliance page and the API."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from managers.filtersets import ALL, DATE_INPUT, SubtreeFilter
from meetings.filtersets import scoped_managers

from .fine_choices import FineReason, FineStatus
from .fines import FineProposal


class FineProposalFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="unit__path")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=FineStatus.choices, empty_label=ALL
    )
    reason = django_filters.ChoiceFilter(
        label=_("Reason"), choices=FineReason.choices, empty_label=ALL
    )
    manager = django_filters.ModelChoiceFilter(
        label=_("Account manager"), queryset=scoped_managers, empty_label=ALL
    )
    staff = django_filters.NumberFilter(
        label=_("Staff member (id)"), field_name="staff", widget=forms.HiddenInput
    )
    date_from = django_filters.DateFilter(
        label=_("From"), field_name="day", lookup_expr="gte", widget=DATE_INPUT
    )
    date_to = django_filters.DateFilter(
        label=_("Until"), field_name="day", lookup_expr="lte", widget=DATE_INPUT
    )

    class Meta:
        model = FineProposal
        fields = ["unit", "status", "reason", "manager", "staff", "date_from", "date_to"]
