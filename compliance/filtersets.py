import django_filters
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from customers.choices import AccessAction
from managers.filtersets import ALL, DATE_INPUT

from .models import CustomerDataAccess


class CustomerDataAccessFilterSet(django_filters.FilterSet):
    user = django_filters.CharFilter(label=_("User name"), field_name="user__username")
    action = django_filters.ChoiceFilter(
        label=_("Action"), choices=AccessAction.choices, empty_label=ALL
    )
    customer = django_filters.CharFilter(label=_("Customer number"), method="about_customer")
    date_from = django_filters.DateFilter(
        label=_("From"), field_name="at", lookup_expr="date__gte", widget=DATE_INPUT
    )
    date_to = django_filters.DateFilter(
        label=_("Until"), field_name="at", lookup_expr="date__lte", widget=DATE_INPUT
    )

    class Meta:
        model = CustomerDataAccess
        fields = ["user", "action", "customer", "date_from", "date_to"]

    def about_customer(self, queryset, name, number):
        number = number.strip()
        if not number:
            return queryset
        as_text = Cast("customer_numbers", TextField())
        return queryset.annotate(numbers_text=as_text).filter(numbers_text__contains=f'"{number}"')
