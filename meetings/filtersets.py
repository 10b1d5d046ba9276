"""FilterSets of meetings, attendance, leave and minutes scores (R-MTG-1…3), shared by
the pages and the API. Every dropdown is limited to the user's scope."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from managers.filtersets import ALL, DATE_INPUT, SubtreeFilter
from managers.models import AccountManager, User

from .choices import AttendanceStatus, LeaveStatus
from .models import Attendance, LeaveRequest, Meeting, MeetingType, MinutesScore
from .selectors import expected_officers


def scoped_managers(request):
    if request is None:
        return AccountManager.objects.none()
    return AccountManager.objects.restrict(request.user).order_by("name")


def scoped_staff(request):
    if request is None:
        return User.objects.none()
    return expected_officers().restrict(request.user).order_by("username")


def scoped_hosts(request):
    if request is None:
        return User.objects.none()
    from .selectors import hosts_for

    return hosts_for(request.user)


def meeting_types(request):
    return MeetingType.objects.all()


def _type_filter(field_name: str = "meeting_type"):
    return django_filters.ModelChoiceFilter(
        label=_("Meeting type"), field_name=field_name, queryset=meeting_types, empty_label=ALL
    )


def _date_filters(field_name: str):
    return (
        django_filters.DateFilter(
            label=_("From"), field_name=field_name, lookup_expr="gte", widget=DATE_INPUT
        ),
        django_filters.DateFilter(
            label=_("Until"), field_name=field_name, lookup_expr="lte", widget=DATE_INPUT
        ),
    )


def _manager_filter():
    return django_filters.ModelChoiceFilter(
        label=_("Account manager"), queryset=scoped_managers, empty_label=ALL
    )


def _staff_filter():
    return django_filters.ModelChoiceFilter(
        label=_("Credit officer"), queryset=scoped_staff, empty_label=ALL
    )


class MeetingFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="unit__path")
    meeting_type = _type_filter()
    date_from, date_to = _date_filters("date")
    host = django_filters.ModelChoiceFilter(label=_("Host"), queryset=scoped_hosts, empty_label=ALL)

    class Meta:
        model = Meeting
        fields = ["unit", "meeting_type", "date_from", "date_to", "host"]


class AttendanceFilterSet(django_filters.FilterSet):
    """Also the period picker of the attendance-rate page."""

    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="meeting__unit__path")
    meeting_type = _type_filter("meeting__meeting_type")
    date_from, date_to = _date_filters("meeting__date")
    manager = _manager_filter()
    staff = _staff_filter()
    status = django_filters.ChoiceFilter(
        label=_("Attendance"), choices=AttendanceStatus.choices, empty_label=ALL
    )
    meeting = django_filters.NumberFilter(
        label=_("Meeting (id)"), field_name="meeting", widget=forms.HiddenInput
    )

    class Meta:
        model = Attendance
        fields = ["unit", "meeting_type", "date_from", "date_to", "manager", "staff", "status"]


class LeaveRequestFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="unit__path")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=LeaveStatus.choices, empty_label=ALL
    )
    manager = _manager_filter()
    staff = _staff_filter()
    date_from = django_filters.DateFilter(
        label=_("On or after"), field_name="date_to", lookup_expr="gte", widget=DATE_INPUT
    )
    date_to = django_filters.DateFilter(
        label=_("On or before"), field_name="date_from", lookup_expr="lte", widget=DATE_INPUT
    )

    class Meta:
        model = LeaveRequest
        fields = ["unit", "status", "manager", "staff", "date_from", "date_to"]


class MinutesScoreFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="meeting__unit__path")
    meeting_type = _type_filter("meeting__meeting_type")
    date_from, date_to = _date_filters("meeting__date")
    reviewer = django_filters.NumberFilter(label=_("Reviewer (id)"), field_name="reviewer")

    class Meta:
        model = MinutesScore
        fields = ["unit", "meeting_type", "date_from", "date_to", "reviewer"]
