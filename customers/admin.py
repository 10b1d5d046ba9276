from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from managers.admin import OneRowPolicyAdmin

from .models import (
    Assignment,
    CreditShareMinimum,
    Customer,
    Outing,
    OutingPolicy,
    Transfer,
    Visit,
    VisitFrequency,
)


@admin.register(Customer)
class CustomerAdmin(SimpleHistoryAdmin):
    list_display = ["number", "name", "kind", "is_credit", "unit", "source", "tier"]
    list_filter = ["kind", "is_credit", "source", "tier"]
    list_select_related = ["unit"]
    search_fields = ["number", "name"]
    autocomplete_fields = ["unit"]


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["customer", "manager", "credit_share", "basis", "start_date", "end_date"]
    list_filter = ["basis"]
    list_select_related = ["customer", "manager"]
    search_fields = ["customer__number", "manager__employee_number"]
    readonly_fields = [
        "customer",
        "manager",
        "credit_share",
        "basis",
        "baseline_deposit_avg",
        "start_date",
        "end_date",
        "created_by",
    ]


@admin.register(Transfer)
class TransferAdmin(SimpleHistoryAdmin):
    list_display = ["customer", "from_manager", "to_manager", "transfer_date"]
    list_select_related = ["customer", "from_manager", "to_manager"]


@admin.register(CreditShareMinimum)
class CreditShareMinimumAdmin(SimpleHistoryAdmin):
    list_display = ["source", "minimum_share", "non_deposit_minimum_share"]


@admin.register(VisitFrequency)
class VisitFrequencyAdmin(SimpleHistoryAdmin):
    list_display = ["tier", "every_days"]


@admin.register(OutingPolicy)
class OutingPolicyAdmin(OneRowPolicyAdmin):
    list_display = ["return_by"]


admin.site.register(Visit, SimpleHistoryAdmin)
admin.site.register(Outing, SimpleHistoryAdmin)
