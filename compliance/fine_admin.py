"""Admin of the fine schedule (configurable, R-DIS-4) and, read-only, of fine proposals:
they are decided on the compliance page, never edited."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from managers.admin import ReadOnlyHistoryAdmin

from .fines import FineProposal, FineRate


@admin.register(FineRate)
class FineRateAdmin(SimpleHistoryAdmin):
    list_display = ["reason", "amount", "minimum", "note"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FineProposal)
class FineProposalAdmin(ReadOnlyHistoryAdmin):
    list_display = ["day", "reason", "manager", "staff", "unit", "amount", "status"]
    list_filter = ["status", "reason"]
    list_select_related = ["manager", "staff", "unit"]
    date_hierarchy = "day"
