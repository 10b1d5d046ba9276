"""Admin for the org tree, staff users and account managers, with change history."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import AccountManager, OrgUnit, User


@admin.register(OrgUnit)
class OrgUnitAdmin(TreeAdmin, SimpleHistoryAdmin):
    form = movenodeform_factory(OrgUnit)
    list_display = ["name", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


@admin.register(User)
class StaffUserAdmin(UserAdmin, SimpleHistoryAdmin):
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
    list_display = ["employee_number", "name", "line", "unit", "status", "hire_date"]
    list_filter = ["line", "status"]
    list_select_related = ["unit"]
    search_fields = ["employee_number", "name"]
    autocomplete_fields = ["unit", "user"]
