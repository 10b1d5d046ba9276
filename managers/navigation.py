"""The navigation bar: which entries each role sees (R-ORG-2)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from customers.access import ASSIGNER_PAGE_ROLES, CUSTOMER_PAGE_ROLES
from customers.import_services import IMPORT_ROLES

from .access import GRADE_ROLES, ROSTER_ROLES
from .choices import Role

EVERY_ROLE = frozenset(Role)
VISIT_ROLES = frozenset(
    {Role.ACCOUNT_MANAGER, Role.UNIT_HEAD, Role.HR, Role.COMPLIANCE, Role.ADMIN}
)
SUPERVISORS = frozenset({Role.UNIT_HEAD, Role.CREDIT_OFFICER, Role.HR, Role.COMPLIANCE, Role.ADMIN})


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    roles: frozenset


ENTRIES = (
    NavEntry(_("Home"), "home", EVERY_ROLE - {Role.INTEGRATION}),
    NavEntry(_("Account managers"), "manager-list", SUPERVISORS | {Role.INTEGRATION}),
    NavEntry(_("My profile"), "my-profile", frozenset({Role.ACCOUNT_MANAGER})),
    NavEntry(_("Org units"), "orgunit-list", SUPERVISORS),
    NavEntry(_("Customers"), "customer-list", frozenset(CUSTOMER_PAGE_ROLES)),
    NavEntry(_("Unassigned customers"), "customers-unassigned", frozenset(ASSIGNER_PAGE_ROLES)),
    NavEntry(_("Import customers"), "customer-import", frozenset(IMPORT_ROLES)),
    NavEntry(_("Visits"), "visit-list", VISIT_ROLES),
    NavEntry(_("Outings"), "outing-list", VISIT_ROLES),
    NavEntry(_("Customers due for a visit"), "visits-overdue", VISIT_ROLES),
    NavEntry(_("Grade roster"), "roster", frozenset(ROSTER_ROLES)),
    NavEntry(_("Grade changes"), "grade-change-list", frozenset(GRADE_ROLES)),
    NavEntry(_("Trainees"), "trainees", frozenset(GRADE_ROLES)),
    NavEntry(_("Access log"), "access-log", frozenset({Role.COMPLIANCE, Role.ADMIN})),
    NavEntry(_("API documentation"), "api-docs", frozenset({Role.ADMIN, Role.INTEGRATION})),
    NavEntry(_("Administration"), "admin:index", frozenset({Role.ADMIN})),
)


def entries_for(user) -> list[NavEntry]:
    role = Role.ADMIN if user.sees_whole_bank else user.role
    return [entry for entry in ENTRIES if role in entry.roles]


def navigation(request):
    """Template context processor: `nav` is the list of (label, url, active) for this user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    items = []
    for entry in entries_for(user):
        url = reverse(entry.url_name)
        active = request.path == url if url == "/" else request.path.startswith(url)
        items.append({"label": entry.label, "url": url, "active": active})
    return {"nav": items}
