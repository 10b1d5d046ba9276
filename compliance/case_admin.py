"""Admin of the prohibitions catalogue (administrators edit it: each change of wording or
of being in force raises the rule's version, and simple-history keeps every version) and,
read-only, of acknowledgements, violation cases and disciplinary actions, which are
handled on their pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from managers.admin import ReadOnlyHistoryAdmin

from . import case_services
from .discipline import DisciplinaryAction
from .prohibitions import Prohibition, ProhibitionAcknowledgement
from .violations import Evidence, ViolationCase, ViolationStep


@admin.register(Prohibition)
class ProhibitionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "order", "title", "is_active", "version", "revised_at"]
    list_filter = ["is_active"]
    readonly_fields = ["version", "revised_at"]
    ordering = ["order", "code"]

    def save_model(self, request, obj, form, change):
        case_services.prohibition_save(
            actor=request.user, prohibition=obj, changed=form.changed_data if change else []
        )

    def has_delete_permission(self, request, obj=None):
        return False  # withdraw a rule by taking it out of force; cases refer to it


@admin.register(ProhibitionAcknowledgement)
class ProhibitionAcknowledgementAdmin(ReadOnlyHistoryAdmin):
    list_display = ["year", "manager", "acknowledged_at"]
    list_filter = ["year"]
    list_select_related = ["manager"]


class StepInline(admin.TabularInline):
    model = ViolationStep
    extra = 0
    can_delete = False
    fields = ["from_status", "to_status", "actor", "at", "note"]
    readonly_fields = fields


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    can_delete = False
    fields = ["name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


@admin.register(ViolationCase)
class ViolationCaseAdmin(ReadOnlyHistoryAdmin):
    list_display = ["pk", "manager", "unit", "occurred_on", "status", "reported_at"]
    list_filter = ["status"]
    list_select_related = ["manager", "unit"]
    inlines = [StepInline, EvidenceInline]


@admin.register(DisciplinaryAction)
class DisciplinaryActionAdmin(ReadOnlyHistoryAdmin):
    list_display = ["manager", "kind", "status", "trigger", "start_date", "end_date"]
    list_filter = ["status", "kind", "trigger"]
    list_select_related = ["manager"]
