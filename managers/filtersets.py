"""FilterSets shared by pages and the API (one per model)."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .choices import GradeChangeKind, GradeChangeStatus, ManagerLine, ManagerStatus, OrgUnitKind
from .models import AccountManager, GradeChange, GradeLevel, OrgUnit

ALL = _("All")
YES_NO_ALL = forms.Select(choices=[("", ALL), ("true", _("Yes")), ("false", _("No"))])
DATE_INPUT = forms.DateInput(attrs={"type": "date"})


def visible_units(request):
    """Dropdown choices limited to the user's scope, so no other unit's name leaks."""
    if request is None:
        return OrgUnit.objects.none()
    return OrgUnit.objects.restrict(request.user)


@extend_schema_field(OpenApiTypes.INT)
class SubtreeFilter(django_filters.ModelChoiceFilter):
    """Matches rows whose org unit is the chosen unit or anywhere below it."""

    def __init__(self, *args, path_lookup: str, **kwargs):
        self.path_lookup = path_lookup
        kwargs.setdefault("queryset", visible_units)
        kwargs.setdefault("empty_label", ALL)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.path_lookup}__startswith": value.path})


class TextSearchFilter(django_filters.CharFilter):
    """Free-text search over several lookups, OR-ed together."""

    def __init__(self, *args, lookups: tuple[str, ...], **kwargs):
        self.lookups = lookups
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        condition = Q()
        for lookup in self.lookups:
            condition |= Q(**{lookup: value})
        return qs.filter(condition)


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Rows without a value (e.g. not yet graded) sort last in either direction."""

    def filter(self, qs, value):
        if not value:
            return qs
        terms = []
        for param in value:
            field = self.get_ordering_value(param)
            if field.startswith("-"):
                terms.append(F(field[1:]).desc(nulls_last=True))
            else:
                terms.append(F(field).asc(nulls_last=True))
        return qs.order_by(*terms)


def active_grade_levels(request):
    return GradeLevel.objects.filter(scheme__is_active=True)


class AccountManagerFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="unit__path")
    line = django_filters.ChoiceFilter(
        label=_("Line"), choices=ManagerLine.choices, empty_label=ALL
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ManagerStatus.choices, empty_label=ALL
    )
    grade = django_filters.ModelChoiceFilter(
        label=_("Grade"),
        field_name="current_appointment__level",
        queryset=active_grade_levels,
        empty_label=ALL,
    )
    q = TextSearchFilter(
        label=_("Name or employee number"),
        lookups=("name__icontains", "employee_number__istartswith"),
    )
    ordering = NullsLastOrderingFilter(
        label=_("Sort by"),
        widget=forms.HiddenInput,  # pages sort by clicking column headers
        fields=(
            ("employee_number", "employee_number"),
            ("name", "name"),
            ("unit__path", "unit"),
            ("current_appointment__level__rank", "grade"),
            ("current_appointment__end_date", "term_end"),
            ("hire_date", "hire_date"),
            ("marketing_since", "marketing_since"),
        ),
    )

    class Meta:
        model = AccountManager
        fields = ["unit", "line", "status", "grade", "q"]


class GradeChangeFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="manager__unit__path")
    manager = django_filters.NumberFilter(
        label=_("Account manager (id)"), field_name="manager", widget=forms.HiddenInput
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=GradeChangeStatus.choices, empty_label=ALL
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=GradeChangeKind.choices, empty_label=ALL
    )
    to_level = django_filters.ModelChoiceFilter(
        label=_("To grade"), queryset=active_grade_levels, empty_label=ALL
    )
    proposed_from = django_filters.DateFilter(
        label=_("Proposed from"),
        field_name="proposed_at",
        lookup_expr="date__gte",
        widget=DATE_INPUT,
    )
    proposed_to = django_filters.DateFilter(
        label=_("Proposed until"),
        field_name="proposed_at",
        lookup_expr="date__lte",
        widget=DATE_INPUT,
    )

    class Meta:
        model = GradeChange
        fields = ["unit", "manager", "status", "kind", "to_level", "proposed_from", "proposed_to"]


class OrgUnitFilterSet(django_filters.FilterSet):
    within = SubtreeFilter(label=_("Within unit"), path_lookup="path")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OrgUnitKind.choices, empty_label=ALL
    )
    q = TextSearchFilter(label=_("Name or code"), lookups=("name__icontains", "code__istartswith"))

    class Meta:
        model = OrgUnit
        fields = ["within", "kind", "q"]
