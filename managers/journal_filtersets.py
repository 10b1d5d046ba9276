"""FilterSets of work journals and their reviews (R-JNL-1), shared by the pages and the
API. Every dropdown is limited to the user's scope, so no other unit's names leak."""

import django_filters
from django.utils.translation import gettext_lazy as _

from . import journal_selectors
from .choices import JournalStatus
from .filtersets import ALL, DATE_INPUT, SubtreeFilter
from .models import AccountManager, JournalReview, WorkJournal


def scoped_managers(request):
    if request is None:
        return AccountManager.objects.none()
    return journal_selectors.managers_for(request.user)


def _manager_filter(field_name: str = "manager"):
    return django_filters.ModelChoiceFilter(
        label=_("Account manager"),
        field_name=field_name,
        queryset=scoped_managers,
        empty_label=ALL,
    )


def _day_filter(label, field_name: str, lookup_expr: str):
    return django_filters.DateFilter(
        label=label, field_name=field_name, lookup_expr=lookup_expr, widget=DATE_INPUT
    )


class ReviewQueueFilterSet(django_filters.FilterSet):
    """The head's review queue: journals that are all awaiting review."""

    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="manager__unit__path")
    manager = _manager_filter()
    day_from = _day_filter(_("From"), "day", "gte")
    day_to = _day_filter(_("Until"), "day", "lte")

    class Meta:
        model = WorkJournal
        fields = ["unit", "manager", "day_from", "day_to"]


class WorkJournalFilterSet(ReviewQueueFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=JournalStatus.choices, empty_label=ALL
    )

    class Meta:
        model = WorkJournal
        fields = ["unit", "manager", "status", "day_from", "day_to"]


class JournalReviewFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(
        label=_("Org unit (and below)"), path_lookup="journal__manager__unit__path"
    )
    manager = _manager_filter("journal__manager")
    day_from = _day_filter(_("Journal from"), "journal__day", "gte")
    day_to = _day_filter(_("Journal until"), "journal__day", "lte")

    class Meta:
        model = JournalReview
        fields = ["unit", "manager", "day_from", "day_to"]
