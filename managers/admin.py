"""Admin for the org tree, staff users and account managers, with change history."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from compliance.rotation_forms import FormerUnitCheckedUserForm, HandoverCheckedManagerForm

from .models import (
    AccountManager,
    CalendarException,
    CalendarYear,
    GradeAppointment,
    GradeChange,
    GradeLevel,
    GradeScheme,
    OrgUnit,
    User,
)


@admin.register(OrgUnit)
class OrgUnitAdmin(TreeAdmin, SimpleHistoryAdmin):
    form = movenodeform_factory(OrgUnit)
    list_display = ["name", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


@admin.register(User)
class StaffUserAdmin(UserAdmin, SimpleHistoryAdmin):
    form = FormerUnitCheckedUserForm  # R-PRO-10: not head of the former outlet within a year
    list_display = ["username", "last_name", "first_name", "role", "org_unit", "is_active"]
    list_filter = ["role", "is_active"]
    list_select_related = ["org_unit"]
    autocomplete_fields = ["org_unit"]
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Role and unit"), {"fields": ("role", "org_unit")}),
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (_("Role and unit"), {"fields": ("role", "org_unit")}),
    )


@admin.register(AccountManager)
class AccountManagerAdmin(SimpleHistoryAdmin):
    form = HandoverCheckedManagerForm  # R-PRO-10: no change of post before the handover
    list_display = ["employee_number", "name", "line", "unit", "status", "hire_date"]
    list_filter = ["line", "status"]
    list_select_related = ["unit"]
    search_fields = ["employee_number", "name"]
    autocomplete_fields = ["unit", "user"]


class GradeLevelInline(admin.TabularInline):
    model = GradeLevel
    extra = 0
    fields = [
        "rank",
        "code",
        "name",
        "staff_grade",
        "communication_allowance",
        "transport_allowance",
        "approval_authority",
        "min_marketing_years",
        "is_trainee",
    ]


@admin.register(GradeScheme)
class GradeSchemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "is_active", "term_months"]
    inlines = [GradeLevelInline]


@admin.register(GradeLevel)
class GradeLevelAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "scheme",
        "rank",
        "staff_grade",
        "communication_allowance",
        "transport_allowance",
        "approval_authority",
    ]
    list_filter = ["scheme"]


class ReadOnlyAdminMixin:
    """Records written by the system's services only: shown in admin, never edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyHistoryAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Records written by the services only (grade changes, journals, meetings, cases,
    proposals), shown with their history."""


class OneRowPolicyAdmin(SimpleHistoryAdmin):
    """A policy of one row, seeded by its migration (journal deadlines, outing return time,
    rotation, access review, new-account targets): edited, never added twice or deleted."""

    def has_add_permission(self, request):
        return not self.model.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GradeChange)
class GradeChangeAdmin(ReadOnlyHistoryAdmin):
    list_display = ["manager", "kind", "from_level", "to_level", "effective_date", "status"]
    list_filter = ["status", "kind"]
    list_select_related = ["manager", "from_level", "to_level"]
    search_fields = ["manager__name", "manager__employee_number"]


@admin.register(GradeAppointment)
class GradeAppointmentAdmin(ReadOnlyHistoryAdmin):
    list_display = ["manager", "level", "start_date", "end_date"]
    list_select_related = ["manager", "level"]
    search_fields = ["manager__name", "manager__employee_number"]


@admin.register(CalendarYear)
class CalendarYearAdmin(SimpleHistoryAdmin):
    """HR enters each year's State Council holiday notice here (R-DIS-4)."""

    list_display = ["year", "source"]


@admin.register(CalendarException)
class CalendarExceptionAdmin(SimpleHistoryAdmin):
    list_display = ["day", "is_working_day", "name"]
    list_filter = ["is_working_day"]
    date_hierarchy = "day"


from . import journal_admin  # noqa: E402, F401  (it imports ReadOnlyHistoryAdmin from here)
