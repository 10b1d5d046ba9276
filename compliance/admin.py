from django.contrib import admin

from managers.admin import ReadOnlyAdminMixin

from .models import CustomerDataAccess


@admin.register(CustomerDataAccess)
class CustomerDataAccessAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only, even for administrators (R-PRO-8)."""

    list_display = ["at", "user", "action", "customer_count", "purpose", "ip_address"]
    list_filter = ["action"]
    list_select_related = ["user"]


from . import fine_admin, rotation_admin  # noqa: E402, F401 (fines, deadlines, rotation)
from .case_admin import ProhibitionAdmin  # noqa: E402, F401 (R-PRO, cases, R-DIS-1…3)
