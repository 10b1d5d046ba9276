"""FilterSets of customers, assignments and transfers, shared by pages and the API."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from managers.filtersets import ALL, DATE_INPUT, YES_NO_ALL, SubtreeFilter, TextSearchFilter
from managers.models import AccountManager

from .choices import CreditBasis, CustomerKind, CustomerSource, CustomerTier
from .models import Assignment, Customer, Transfer
from .share_rules import SHARED_BASES


def visible_managers(request):
    if request is None:
        return AccountManager.objects.none()
    return AccountManager.objects.restrict(request.user)


@extend_schema_field(OpenApiTypes.INT)
class ManagerFilter(django_filters.ModelChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", visible_managers)
        kwargs.setdefault("empty_label", ALL)
        super().__init__(*args, **kwargs)


class CustomerFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="unit__path")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=CustomerKind.choices, empty_label=ALL
    )
    is_credit = django_filters.BooleanFilter(label=_("Credit customer"), widget=YES_NO_ALL)
    source = django_filters.ChoiceFilter(
        label=_("Source"), choices=CustomerSource.choices, empty_label=ALL
    )
    tier = django_filters.ChoiceFilter(
        label=_("Tier"), choices=CustomerTier.choices, empty_label=ALL
    )
    manager = ManagerFilter(label=_("Account manager"), method="held_by")
    unassigned = django_filters.BooleanFilter(
        label=_("Unassigned"), method="without_holder", widget=YES_NO_ALL
    )
    opened_from = django_filters.DateFilter(
        label=_("Opened from"), field_name="opened_on", lookup_expr="gte", widget=DATE_INPUT
    )
    opened_to = django_filters.DateFilter(
        label=_("Opened until"), field_name="opened_on", lookup_expr="lte", widget=DATE_INPUT
    )
    q = TextSearchFilter(
        label=_("Name or customer number"), lookups=("name__icontains", "number__istartswith")
    )

    class Meta:
        model = Customer
        fields = ["unit", "kind", "is_credit", "source", "tier", "manager", "unassigned", "q"]

    def held_by(self, queryset, name, manager):
        if not manager:
            return queryset
        held = Assignment.objects.filter(
            customer=OuterRef("pk"), manager=manager, end_date__isnull=True
        )
        return queryset.filter(Exists(held))

    def without_holder(self, queryset, name, value):
        if value is None:
            return queryset
        held = Assignment.objects.filter(
            customer=OuterRef("pk"), end_date__isnull=True, basis__in=SHARED_BASES
        )
        return queryset.filter(~Exists(held) if value else Exists(held))


class AssignmentFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="customer__unit__path")
    manager = ManagerFilter(label=_("Account manager"))
    customer = django_filters.CharFilter(label=_("Customer number"), field_name="customer__number")
    basis = django_filters.ChoiceFilter(
        label=_("Credit basis"), choices=CreditBasis.choices, empty_label=ALL
    )
    current = django_filters.BooleanFilter(
        label=_("In force"), field_name="end_date", lookup_expr="isnull", widget=YES_NO_ALL
    )
    started_from = django_filters.DateFilter(
        label=_("From"), field_name="start_date", lookup_expr="gte", widget=DATE_INPUT
    )
    started_to = django_filters.DateFilter(
        label=_("Until"), field_name="start_date", lookup_expr="lte", widget=DATE_INPUT
    )

    class Meta:
        model = Assignment
        fields = ["unit", "manager", "customer", "basis", "current"]


class TransferFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(label=_("Org unit (and below)"), path_lookup="customer__unit__path")
    from_manager = ManagerFilter(label=_("From"))
    to_manager = ManagerFilter(label=_("To"))
    customer = django_filters.CharFilter(label=_("Customer number"), field_name="customer__number")
    date_from = django_filters.DateFilter(
        label=_("From"), field_name="transfer_date", lookup_expr="gte", widget=DATE_INPUT
    )
    date_to = django_filters.DateFilter(
        label=_("Until"), field_name="transfer_date", lookup_expr="lte", widget=DATE_INPUT
    )

    class Meta:
        model = Transfer
        fields = ["unit", "from_manager", "to_manager", "customer"]
