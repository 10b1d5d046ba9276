"""Meeting types and schedules are configured here (R-MTG-1…4); recorded meetings,
registers, leave and minutes scores are read here and corrected through the pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from managers.admin import ReadOnlyHistoryAdmin

from .models import Attendance, LeaveRequest, Meeting, MeetingType, MinutesScore


@admin.register(MeetingType)
class MeetingTypeAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "code",
        "cadence",
        "weekday",
        "starts_at",
        "ends_by",
        "flag_if_missing",
        "may_combine",
        "minutes_sample",
        "is_active",
    ]
    list_editable = ["is_active"]
    ordering = ["order"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    fields = ["manager", "staff", "signed_in_at", "left_at", "status", "minutes_late"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyHistoryAdmin):
    list_display = ["date", "unit", "meeting_type", "host", "starts_at", "ends_at"]
    list_filter = ["meeting_type"]
    list_select_related = ["unit", "meeting_type", "host"]
    date_hierarchy = "date"
    inlines = [AttendanceInline]


@admin.register(LeaveRequest)
class LeaveRequestAdmin(ReadOnlyHistoryAdmin):
    list_display = ["date_from", "date_to", "manager", "staff", "unit", "status"]
    list_filter = ["status"]
    list_select_related = ["manager", "staff", "unit"]


@admin.register(MinutesScore)
class MinutesScoreAdmin(ReadOnlyHistoryAdmin):
    list_display = ["meeting", "score", "reviewer", "scored_at"]
    list_select_related = ["meeting__unit", "meeting__meeting_type", "reviewer"]
