from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import GradeRule, RuleSet
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
