"""The navigation bar: which entries each role sees (R-ORG-2)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from compliance.case_access import (
    ACKNOWLEDGEMENT_READERS,
    CASE_READERS,
    CATALOGUE_READERS,
    DISCIPLINE_READERS,
    OWN_DISCIPLINE_READERS,
)
from compliance.fine_views import FINE_READERS
from compliance.record_views import READERS as RECORD_READERS
from compliance.rotation_views import ROTATION_READERS
from customers.access import ASSIGNER_PAGE_ROLES, CUSTOMER_PAGE_ROLES, VISIT_READERS
from customers.import_services import IMPORT_ROLES
from meetings.access import LEAVE_PAGE_ROLES
from meetings.access import READERS as MEETING_READERS
from meetings.access import SUPERVISORS as MEETING_SUPERVISORS
from performance.access import EVALUATION_PAGE_ROLES, IMPORTER_ROLES
from performance.loan_views import LOAN_READERS

from .access import GRADE_ROLES, ROSTER_ROLES
from .choices import Role
from .journal_access import TABS as JOURNAL_TABS

EVERY_ROLE = frozenset(Role)
SUPERVISORS = frozenset({Role.UNIT_HEAD, Role.CREDIT_OFFICER, Role.HR, Role.COMPLIANCE, Role.ADMIN})


CUSTOMERS = _("Customers")
VISITS = _("Visits and outings")
GRADES = _("Grades")
PERFORMANCE = _("Performance")
JOURNALS = _("Work journals")
MEETINGS = _("Meetings")
COMPLIANCE = _("Compliance")
FIGURE_PAGE_ROLES = IMPORTER_ROLES - {Role.INTEGRATION}  # integration clients use the API


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    roles: frozenset
    group: str | Promise | None = None  # entries of a group share one dropdown
    kwargs: tuple[tuple[str, str], ...] = ()  # of the URL, e.g. (("kind", "outing-checks"),)


ENTRIES = (
    NavEntry(_("Home"), "home", EVERY_ROLE - {Role.INTEGRATION}),
    NavEntry(_("Dashboard"), "dashboard", EVALUATION_PAGE_ROLES),
    NavEntry(_("My day"), "my-day", frozenset({Role.ACCOUNT_MANAGER})),
    NavEntry(_("Account managers"), "manager-list", SUPERVISORS | {Role.INTEGRATION}),
    NavEntry(_("My profile"), "my-profile", frozenset({Role.ACCOUNT_MANAGER})),
    NavEntry(_("Org units"), "orgunit-list", SUPERVISORS),
    NavEntry(_("Customers"), "customer-list", frozenset(CUSTOMER_PAGE_ROLES), CUSTOMERS),
    NavEntry(
        _("Unassigned customers"), "customers-unassigned", frozenset(ASSIGNER_PAGE_ROLES), CUSTOMERS
    ),
    NavEntry(_("Import customers"), "customer-import", frozenset(IMPORT_ROLES), CUSTOMERS),
    NavEntry(_("Visits"), "visit-list", VISIT_READERS, VISITS),
    NavEntry(_("Outings"), "outing-list", VISIT_READERS, VISITS),
    NavEntry(_("Customers due for a visit"), "visits-overdue", VISIT_READERS, VISITS),
    *(NavEntry(label, url_name, roles, JOURNALS) for url_name, label, roles in JOURNAL_TABS),
    NavEntry(_("Grade roster"), "roster", frozenset(ROSTER_ROLES), GRADES),
    NavEntry(_("Grade changes"), "grade-change-list", frozenset(GRADE_ROLES), GRADES),
    NavEntry(_("Trainees"), "trainees", frozenset(GRADE_ROLES), GRADES),
    NavEntry(_("My indicators"), "my-indicators", frozenset({Role.ACCOUNT_MANAGER})),
    NavEntry(_("Evaluations"), "evaluation-list", EVALUATION_PAGE_ROLES, PERFORMANCE),
    NavEntry(_("Loans falling due"), "loan-list", LOAN_READERS, PERFORMANCE),
    NavEntry(_("Import figures"), "figure-import", FIGURE_PAGE_ROLES, PERFORMANCE),
    NavEntry(_("Figure imports"), "figure-import-list", FIGURE_PAGE_ROLES, PERFORMANCE),
    NavEntry(_("Today's meetings"), "meeting-today", MEETING_SUPERVISORS, MEETINGS),
    NavEntry(_("Meetings"), "meeting-list", MEETING_READERS, MEETINGS),
    NavEntry(_("Leave"), "leave-request-list", LEAVE_PAGE_ROLES, MEETINGS),
    NavEntry(_("Attendance rates"), "attendance-rates", MEETING_SUPERVISORS, MEETINGS),
    NavEntry(_("Minutes spot checks"), "minutes-check", MEETING_SUPERVISORS, MEETINGS),
    NavEntry(_("Ten prohibitions"), "prohibition-list", CATALOGUE_READERS, COMPLIANCE),
    NavEntry(
        _("Acknowledgements"), "prohibition-acknowledgements", ACKNOWLEDGEMENT_READERS, COMPLIANCE
    ),
    NavEntry(_("Violation cases"), "violation-list", CASE_READERS, COMPLIANCE),
    NavEntry(_("Disciplinary actions"), "discipline-list", DISCIPLINE_READERS, COMPLIANCE),
    NavEntry(_("My disciplinary record"), "my-discipline", OWN_DISCIPLINE_READERS, COMPLIANCE),
    NavEntry(_("Fine proposals"), "fine-list", FINE_READERS, COMPLIANCE),
    NavEntry(_("Rotation due"), "rotation-due", ROTATION_READERS, COMPLIANCE),
    *(
        NavEntry(label, "compliance-records", RECORD_READERS, COMPLIANCE, (("kind", kind),))
        for kind, label in (
            ("outing-checks", _("Outing checks")),
            ("credit-file-handovers", _("Credit file handovers")),
            ("credit-applications", _("Credit applications")),
            ("judicial-measures", _("Judicial measures")),
        )
    ),
    NavEntry(_("Access log"), "access-log", frozenset({Role.COMPLIANCE, Role.ADMIN}), COMPLIANCE),
    NavEntry(
        _("Unusual access"), "access-review", frozenset({Role.COMPLIANCE, Role.ADMIN}), COMPLIANCE
    ),
    NavEntry(_("API documentation"), "api-docs", frozenset({Role.ADMIN, Role.INTEGRATION})),
    NavEntry(_("Administration"), "admin:index", frozenset({Role.ADMIN})),
)


def entries_for(user) -> list[NavEntry]:
    role = Role.ADMIN if user.sees_whole_bank else user.role
    return [entry for entry in ENTRIES if role in entry.roles]


def navigation(request):
    """Template context processor. `nav` lists this user's entries in order: a link is
    {label, url, active}; a group is {label, children: [links], active} shown as a
    dropdown (a group of one is shown as its link). The active link is the one whose URL
    is the longest prefix of the current path."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    entries = [
        (entry, reverse(entry.url_name, kwargs=dict(entry.kwargs))) for entry in entries_for(user)
    ]
    matching = [url for _entry, url in entries if request.path.startswith(url)]
    current = max(matching, key=len, default=None)
    items, groups = [], {}
    for entry, url in entries:
        link = {"label": entry.label, "url": url, "active": url == current}
        if entry.group is None:
            items.append(link)
        elif entry.group in groups:
            groups[entry.group]["children"].append(link)
        else:
            groups[entry.group] = {"label": entry.group, "children": [link]}
            items.append(groups[entry.group])
    for group in groups.values():
        group["active"] = any(link["active"] for link in group["children"])
    return {"nav": [_single(item) for item in items]}


def _single(item: dict) -> dict:
    children = item.get("children")
    return children[0] if children and len(children) == 1 else item
