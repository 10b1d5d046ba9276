"""Filters of an evaluation's results table (R-ELG-5)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from managers.filtersets import ALL, SubtreeFilter, TextSearchFilter
from managers.roster import active_grade_names

from .models import EvaluationResult, SuggestedAction

NO_GRADE = "none"


def eligible_grade_choices() -> list[tuple[str, str]]:
    return [*active_grade_names().items(), (NO_GRADE, _("No grade"))]


class EvaluationResultFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="unit__path")
    eligible_grade = django_filters.ChoiceFilter(
        label=_("Eligible grade"),
        choices=eligible_grade_choices,
        empty_label=ALL,
        method="filter_eligible_grade",
    )
    action = django_filters.ChoiceFilter(
        label=_("Suggested action"), choices=SuggestedAction.choices, empty_label=ALL
    )
    q = TextSearchFilter(
        label=_("Name or employee number"),
        lookups=("manager__name__icontains", "manager__employee_number__istartswith"),
    )

    class Meta:
        model = EvaluationResult
        fields = ["unit", "eligible_grade", "action", "q"]

    def filter_eligible_grade(self, queryset, name, value):
        return queryset.filter(eligible_grade_code="" if value == NO_GRADE else value)
