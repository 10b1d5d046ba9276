"""Filters of the performance API: evaluations by period and status; results by unit
subtree (a unit outside the caller's scope is 400), manager, eligible grade and action."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from managers.filtersets import ALL, SubtreeFilter
from performance.evaluations import parse_period
from performance.models import Evaluation, EvaluationResult, EvaluationStatus, SuggestedAction

NO_GRADE = "none"


class PeriodField(forms.CharField):
    """'2026Q3' → (2026, 3)."""

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_period(text)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None


@extend_schema_field(OpenApiTypes.STR)
class PeriodFilter(django_filters.Filter):
    field_class = PeriodField

    def filter(self, qs, value):
        if not value:
            return qs
        year, quarter = value
        return qs.filter(year=year, quarter=quarter)


class EvaluationFilterSet(django_filters.FilterSet):
    period = PeriodFilter(label=_("Period (e.g. 2026Q3)"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=EvaluationStatus.choices, empty_label=ALL
    )

    class Meta:
        model = Evaluation
        fields = ["period", "status"]


class EvaluationResultFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="unit__path")
    manager = django_filters.NumberFilter(label=_("Account manager (id)"), field_name="manager")
    eligible_grade = django_filters.CharFilter(
        label=_("Eligible grade (code; “none”: no grade)"), method="filter_eligible_grade"
    )
    action = django_filters.ChoiceFilter(
        label=_("Suggested action"), choices=SuggestedAction.choices, empty_label=ALL
    )

    class Meta:
        model = EvaluationResult
        fields = ["unit", "manager", "eligible_grade", "action"]

    def filter_eligible_grade(self, queryset, name, value):
        return queryset.filter(eligible_grade_code="" if value == NO_GRADE else value)
