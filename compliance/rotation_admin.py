"""Admin of the R-DIS-4 deadline records, outing checks (read-only), judicial measures
and the one-row rotation and access-review policies (R-PRO-8, R-PRO-10, R-PRO-11)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from managers.admin import OneRowPolicyAdmin, ReadOnlyHistoryAdmin

from .deadline_services import deadline_record
from .deadlines import CreditApplication, CreditFileHandover
from .outings import OutingCheck
from .rotation import AccessReviewPolicy, JudicialMeasure, RotationPolicy

admin.site.register(RotationPolicy, OneRowPolicyAdmin)
admin.site.register(AccessReviewPolicy, OneRowPolicyAdmin)


class RecordedAdmin(SimpleHistoryAdmin):
    list_select_related = ["manager", "customer"]
    raw_id_fields = ["manager", "customer"]

    def save_model(self, request, obj, form, change):
        deadline_record(actor=request.user, record=obj)


@admin.register(CreditFileHandover)
class CreditFileHandoverAdmin(RecordedAdmin):
    list_display = ["loan_granted_on", "manager", "customer", "due_on", "handed_over_on"]
    date_hierarchy = "loan_granted_on"


@admin.register(CreditApplication)
class CreditApplicationAdmin(RecordedAdmin):
    list_display = ["received_on", "manager", "customer", "due_on", "preliminary_opinion_on"]
    date_hierarchy = "received_on"


@admin.register(JudicialMeasure)
class JudicialMeasureAdmin(SimpleHistoryAdmin):
    list_display = ["manager", "since", "until", "note"]
    list_select_related = ["manager"]
    raw_id_fields = ["manager"]

    def save_model(self, request, obj, form, change):
        obj.recorded_by = obj.recorded_by or request.user
        obj._history_user = request.user
        super().save_model(request, obj, form, change)


@admin.register(OutingCheck)
class OutingCheckAdmin(ReadOnlyHistoryAdmin):
    list_display = ["checked_at", "manager", "at_registered_place", "checked_by"]
    list_select_related = ["manager", "checked_by"]
