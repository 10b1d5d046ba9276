from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from managers.admin import OneRowPolicyAdmin, ReadOnlyAdminMixin

from .models import (
    Evaluation,
    FigureImport,
    GradeRule,
    Loan,
    MonthlyTarget,
    NewAccountPolicy,
    RuleSet,
)
from .rule_sets import rule_set_copy_forward


class GradeRuleInline(admin.TabularInline):
    model = GradeRule
    extra = 0


@admin.register(RuleSet)
class RuleSetAdmin(SimpleHistoryAdmin):
    list_display = ["year", "name", "is_active"]
    list_filter = ["is_active"]
    inlines = [GradeRuleInline]
    actions = ["copy_to_next_year"]

    @admin.action(description=_("Copy to the next year"))
    def copy_to_next_year(self, request, queryset):
        for rule_set in queryset:
            try:
                copy = rule_set_copy_forward(
                    actor=request.user, source=rule_set, year=rule_set.year + 1
                )
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, str(copy), messages.SUCCESS)


@admin.register(MonthlyTarget)
class MonthlyTargetAdmin(SimpleHistoryAdmin):
    """R-JNL-2: targets split down to each account manager, month by month."""

    list_display = ["manager", "year", "month", "deposit_avg", "loan_avg"]
    list_filter = ["year", "month"]
    search_fields = ["manager__name", "manager__employee_number"]
    autocomplete_fields = ["manager"]


@admin.register(FigureImport)
class FigureImportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "created_by", "file_name", "status", "rows_total", "checksum"]
    list_filter = ["status"]
    exclude = ["content"]


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["period", "unit", "status", "progress", "finished_at", "managers_count"]
    list_filter = ["status", "year", "quarter"]


@admin.register(Loan)
class LoanAdmin(SimpleHistoryAdmin):
    """R-RPT-1: loans as the core-banking system sent them (bulk API /api/v1/loans/)."""

    list_display = ["contract_number", "customer", "balance", "start_date", "due_on"]
    list_select_related = ["customer"]
    date_hierarchy = "due_on"
    search_fields = ["contract_number", "customer__number", "customer__name"]
    raw_id_fields = ["customer"]


@admin.register(NewAccountPolicy)
class NewAccountPolicyAdmin(OneRowPolicyAdmin):
    """R-CUS-6: one row of targets per sub-branch, seeded by the migration."""

    list_display = ["__str__", "corporate_per_week", "corporate_per_month", "basic_per_month"]
