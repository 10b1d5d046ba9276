"""Admin of work journals (R-JNL-1): the deadline policy is configured here; journals,
reviews and spot checks are read-only (they change only through the services).

Imported by `managers/admin.py` (`from . import journal_admin  # noqa: F401`)."""

from django.contrib import admin

from .admin import OneRowPolicyAdmin, ReadOnlyHistoryAdmin
from .models import JournalPolicy, JournalReview, JournalSpotCheck, WorkJournal


@admin.register(JournalPolicy)
class JournalPolicyAdmin(OneRowPolicyAdmin):
    list_display = ["due_working_days", "due_time"]


@admin.register(WorkJournal)
class WorkJournalAdmin(ReadOnlyHistoryAdmin):
    list_display = ["day", "manager", "status", "submitted_at"]
    list_filter = ["status"]
    list_select_related = ["manager"]
    date_hierarchy = "day"
    search_fields = ["manager__name", "manager__employee_number"]


@admin.register(JournalReview)
class JournalReviewAdmin(ReadOnlyHistoryAdmin):
    list_display = ["journal", "reviewer", "reviewed_at", "work_day"]
    list_select_related = ["journal__manager", "reviewer"]


@admin.register(JournalSpotCheck)
class JournalSpotCheckAdmin(ReadOnlyHistoryAdmin):
    list_display = ["unit", "period_start", "period_end", "population", "drawn_by", "drawn_at"]
    list_select_related = ["unit", "drawn_by"]
