"""The permission matrix: for every named route, which roles may GET it and what kind of
object it takes the id of (or lists). A route missing here fails
`test_every_route_is_in_the_matrix`: whoever adds a route says who may use it.

What a rule means for a cast member of role R asking for the side-a object (sub-branch A)
and the side-b object (sibling sub-branch B), see `expected_statuses`:

- R not in `roles` → `denied` (403; 404 for "my …" pages of people who have none);
- `post_only` → 405 (the write itself is tested by the app's own tests);
- R in `unseen_by` → 404: the role reads the route but no object of this kind is theirs;
- otherwise `ok` (200, or 302 for a page that redirects) when the member sees the object,
  404 when it is outside their subtree. Members of sub-branch A see side a, of B side b;
  the branch's HR, compliance and integration client and the administrator see both;
  `seen_by` replaces that rule where an object belongs to a person, not to a unit.
"""

from dataclasses import dataclass, field

from compliance.record_views import PAGES as RECORD_PAGES
from managers.choices import Role

AM = Role.ACCOUNT_MANAGER
HEAD = Role.UNIT_HEAD
OFFICER = Role.CREDIT_OFFICER
HR = Role.HR
COMPLIANCE = Role.COMPLIANCE
INTEGRATION = Role.INTEGRATION
ADMIN = Role.ADMIN

EVERYONE = frozenset(Role)
PEOPLE = EVERYONE - {INTEGRATION}  # everyone with a browser login
SUPERVISORS = frozenset({HEAD, OFFICER, HR, COMPLIANCE, ADMIN})
GRADES = frozenset({HEAD, HR, ADMIN})
ROSTER = GRADES | {COMPLIANCE}
CUSTOMER_PAGES = PEOPLE
VISIT_READERS = frozenset({AM, HEAD, HR, COMPLIANCE, ADMIN})
IMPORTERS = frozenset({HR, INTEGRATION, ADMIN})
JOURNAL_READERS = frozenset({AM, HEAD, OFFICER, HR, COMPLIANCE, ADMIN})
RECORDERS = frozenset({HEAD, OFFICER, ADMIN})
LEAVE_PAGES = frozenset({AM, OFFICER, HEAD, ADMIN})
FINE_READERS = frozenset({HEAD, HR, COMPLIANCE, ADMIN})
FOLLOWERS = EVERYONE - {AM}  # the API of compliance records and rotations
RECORD_KINDS = tuple({"kind": kind} for kind in RECORD_PAGES)  # every kind of record page

# Objects that belong to a person: who sees side a's and side b's.
FIGURE_IMPORTERS = {"a": {"hr", "admin"}, "b": {"integration", "admin"}}  # their own imports
EVIDENCE_READERS = {"a": {"compliance", "admin", "head_a"}, "b": {"compliance", "admin", "head_b"}}
GLOBAL = "global"  # catalogue rows that are the same for everyone (grade levels, prohibitions)


@dataclass(frozen=True)
class Rule:
    roles: frozenset
    subject: str | None = None
    ok: int = 200
    denied: int = 403
    post_only: bool = False
    unseen_by: frozenset = frozenset()
    seen_by: dict | str | None = field(default=None, hash=False)
    # For a route whose parameter names a list, not an object: each value's URL kwargs.
    variants: tuple[dict, ...] = field(default=({},), hash=False)


def page(roles, subject=None, **options) -> Rule:
    return Rule(frozenset(roles), subject, **options)


def post(roles, subject=None) -> Rule:
    return Rule(frozenset(roles), subject, post_only=True)


MATRIX: dict[str, Rule] = {
    # managers: home, account managers, org units, grades (R-ORG, R-GRD)
    "home": page(EVERYONE),
    "manager-list": page(EVERYONE),
    "manager-detail": page(EVERYONE, "manager"),
    "my-profile": page({AM}, ok=302, denied=404),
    "orgunit-list": page(EVERYONE),
    "roster": page(ROSTER),
    "roster-xlsx": page(ROSTER),
    "roster-csv": page(ROSTER),
    "grade-change-list": page(GRADES),
    "grade-change-detail": page(GRADES, "grade_change"),
    "grade-change-propose": page(GRADES, "manager"),
    "trainees": page(GRADES),
    # customers, assignments, imports, visits and outings (R-CUS, R-VIS)
    "customer-list": page(CUSTOMER_PAGES),
    "customer-export": page(CUSTOMER_PAGES),
    "customers-unassigned": page(GRADES),
    "customer-detail": page(CUSTOMER_PAGES, "customer"),
    "customer-assign": post(GRADES, "customer"),
    "customer-transfer": post(GRADES, "customer"),
    "assignment-end": post(GRADES, "assignment"),
    "customer-import": page(GRADES),
    "customer-import-template": page(GRADES),
    "customer-import-errors": page(GRADES, ok=302),  # no report kept: back to the form
    "visit-list": page(VISIT_READERS),
    "visit-create": page({AM}),
    "visits-overdue": page(VISIT_READERS),
    "outing-list": page(VISIT_READERS),
    "outing-create": page({AM}),
    "outing-return": post({AM, ADMIN}, "outing"),
    # compliance: access log, fines, prohibitions, cases, discipline (R-PRO, R-DIS)
    "access-log": page({COMPLIANCE, ADMIN}),
    "fine-list": page(FINE_READERS),
    "fine-decide": post({COMPLIANCE, ADMIN}, "fine_proposal"),
    "prohibition-list": page(PEOPLE),
    "prohibition-acknowledge": post({AM, ADMIN}),
    "prohibition-acknowledgements": page(FINE_READERS),
    "violation-list": page(PEOPLE),
    "violation-report": page(PEOPLE),
    # An account manager sees a case about them once decided (these are still reported).
    "violation-detail": page(PEOPLE, "violation", unseen_by={AM}),
    "violation-advance": post({COMPLIANCE, ADMIN}, "violation"),
    "violation-evidence": post(PEOPLE, "violation"),
    "evidence-download": page(PEOPLE, "evidence", seen_by=EVIDENCE_READERS),
    "discipline-list": page(FINE_READERS),
    "discipline-record": page({HR, COMPLIANCE, ADMIN}),
    "discipline-decide": post({HR, COMPLIANCE, ADMIN}, "disciplinary_action"),
    "my-discipline": page({AM, ADMIN}),
    "access-review": page({COMPLIANCE, ADMIN}),
    "compliance-records": page(SUPERVISORS, variants=RECORD_KINDS),
    "rotation-due": page({HEAD, HR, COMPLIANCE, ADMIN}),
    # performance: dashboards, evaluations, indicators, figure imports (R-RPT, R-ELG)
    "dashboard": page(SUPERVISORS),
    "my-day": page({AM}, denied=404),
    "evaluation-list": page(SUPERVISORS),
    "evaluation-detail": page(SUPERVISORS, "evaluation"),
    "evaluation-progress": page(SUPERVISORS, "evaluation"),
    "manager-indicators": page(EVERYONE, "manager"),
    "my-indicators": page({AM}, denied=404),
    "figure-import": page(IMPORTERS),
    "figure-template": page(IMPORTERS),
    "figure-import-list": page(IMPORTERS),
    "figure-import-detail": page(IMPORTERS, "figure_import", seen_by=FIGURE_IMPORTERS),
    "figure-import-progress": page(IMPORTERS, "figure_import", seen_by=FIGURE_IMPORTERS),
    "figure-import-errors": page(IMPORTERS, "figure_import", seen_by=FIGURE_IMPORTERS),
    "loan-list": page(SUPERVISORS | {AM}),  # R-RPT-1; an AM: their customers' loans
    "loan-xlsx": page(SUPERVISORS | {AM}),
    # work journals (R-JNL-1)
    "my-journal": page({AM}),
    "journal-list": page(JOURNAL_READERS),
    "journal-detail": page(JOURNAL_READERS, "journal"),
    "journal-review-queue": page({HEAD, OFFICER, ADMIN}),
    "journal-missing": page(SUPERVISORS),
    "journal-rates": page(SUPERVISORS),
    "spot-check-list": page({HEAD, ADMIN}),
    "spot-check-detail": page({HEAD, ADMIN}, "spot_check"),
    # meetings (R-MTG)
    "meeting-list": page(PEOPLE),
    "meeting-today": page(SUPERVISORS),
    "meeting-create": page(RECORDERS),
    "meeting-detail": page(PEOPLE, "meeting"),
    "meeting-edit": page(RECORDERS, "meeting"),
    "minutes-score": page({OFFICER, COMPLIANCE, ADMIN}, "meeting"),
    "leave-request-list": page(LEAVE_PAGES),
    "leave-request-create": page(LEAVE_PAGES),
    "leave-request-decide": post({HEAD, ADMIN}, "leave_request"),
    "attendance-rates": page(SUPERVISORS),
    "minutes-check": page(SUPERVISORS),
    # REST API: reading is open to every role and scoped; writes are checked per role.
    "api:api-root": page(EVERYONE),
    # The API's roster is every role's own scope (an account manager: their own row),
    # wider than the roster page's roles.
    "api:roster-xlsx": page(EVERYONE),
    "api:roster-csv": page(EVERYONE),
    "api:org-unit-list": page(EVERYONE, "org_unit"),
    "api:org-unit-detail": page(EVERYONE, "org_unit"),
    "api:manager-list": page(EVERYONE, "manager"),
    "api:manager-detail": page(EVERYONE, "manager"),
    "api:grade-level-list": page(EVERYONE, "grade_level", seen_by=GLOBAL),
    "api:grade-level-detail": page(EVERYONE, "grade_level", seen_by=GLOBAL),
    "api:grade-change-list": page(EVERYONE, "grade_change"),
    "api:grade-change-detail": page(EVERYONE, "grade_change"),
    "api:grade-change-approve": post(EVERYONE, "grade_change"),
    "api:grade-change-reject": post(EVERYONE, "grade_change"),
    "api:customer-import": post(GRADES),
    "api:customer-list": page(EVERYONE, "customer"),
    "api:customer-detail": page(EVERYONE, "customer"),
    "api:customer-reveal": post(EVERYONE, "customer"),
    "api:assignment-list": page(EVERYONE, "assignment"),
    "api:assignment-bulk": post(EVERYONE),
    "api:assignment-detail": page(EVERYONE, "assignment"),
    "api:assignment-end": post(EVERYONE, "assignment"),
    "api:transfer-list": page(EVERYONE, "transfer"),
    "api:transfer-detail": page(EVERYONE, "transfer"),
    "api:visit-list": page(EVERYONE - {OFFICER}, "visit"),
    "api:visit-detail": page(EVERYONE - {OFFICER}, "visit"),
    "api:outing-list": page(EVERYONE - {OFFICER}, "outing"),
    "api:outing-detail": page(EVERYONE - {OFFICER}, "outing"),
    "api:outing-return": post(EVERYONE - {OFFICER}, "outing"),
    "api:access-log-list": page({COMPLIANCE, ADMIN}, "access"),
    "api:access-log-detail": page({COMPLIANCE, ADMIN}, "access"),
    "api:fine-proposal-list": page(FINE_READERS | {INTEGRATION}, "fine_proposal"),
    "api:fine-proposal-detail": page(FINE_READERS | {INTEGRATION}, "fine_proposal"),
    "api:fine-proposal-confirm": post(FINE_READERS | {INTEGRATION}, "fine_proposal"),
    "api:fine-proposal-waive": post(FINE_READERS | {INTEGRATION}, "fine_proposal"),
    "api:prohibition-list": page(EVERYONE, "prohibition", seen_by=GLOBAL),
    "api:prohibition-detail": page(EVERYONE, "prohibition", seen_by=GLOBAL),
    "api:prohibition-acknowledge": post(EVERYONE),
    "api:violation-list": page(EVERYONE, "violation", unseen_by={AM}),
    "api:violation-detail": page(EVERYONE, "violation", unseen_by={AM}),
    "api:violation-advance": post(EVERYONE, "violation"),
    "api:violation-evidence": post(EVERYONE, "violation"),
    # An account manager sees the actions decided against them, not proposals.
    "api:disciplinary-action-list": page(
        EVERYONE - {OFFICER}, "disciplinary_action", unseen_by={AM}
    ),
    "api:disciplinary-action-detail": page(
        EVERYONE - {OFFICER}, "disciplinary_action", unseen_by={AM}
    ),
    "api:disciplinary-action-confirm": post(EVERYONE - {OFFICER}, "disciplinary_action"),
    "api:disciplinary-action-waive": post(EVERYONE - {OFFICER}, "disciplinary_action"),
    "api:outing-check-list": page(FOLLOWERS, "outing_check"),
    "api:outing-check-detail": page(FOLLOWERS, "outing_check"),
    "api:credit-file-handover-list": page(FOLLOWERS, "credit_file_handover"),
    "api:credit-file-handover-detail": page(FOLLOWERS, "credit_file_handover"),
    "api:credit-application-list": page(FOLLOWERS, "credit_application"),
    "api:credit-application-detail": page(FOLLOWERS, "credit_application"),
    "api:judicial-measure-list": page(FOLLOWERS, "judicial_measure"),
    "api:judicial-measure-detail": page(FOLLOWERS, "judicial_measure"),
    "api:rotation-list": page(FOLLOWERS),  # rows per account manager, checked for leaks
    "api:evaluation-list": page(EVERYONE, "evaluation"),
    "api:evaluation-detail": page(EVERYONE, "evaluation"),
    "api:evaluation-results": page(EVERYONE, "evaluation"),
    "api:figures": post(EVERYONE),
    "api:loans": post(EVERYONE),
    "api:figure-import-list": page(EVERYONE, "figure_import", seen_by=FIGURE_IMPORTERS),
    "api:figure-import-detail": page(EVERYONE, "figure_import", seen_by=FIGURE_IMPORTERS),
    "api:journal-list": page(EVERYONE, "journal"),
    "api:journal-detail": page(EVERYONE, "journal"),
    "api:journal-submit": post(EVERYONE, "journal"),
    "api:journal-review-list": page(EVERYONE, "journal_review"),
    "api:journal-review-detail": page(EVERYONE, "journal_review"),
    "api:meeting-list": page(EVERYONE, "meeting"),
    "api:meeting-detail": page(EVERYONE, "meeting"),
    "api:attendance-list": page(EVERYONE, "attendance"),
    "api:attendance-detail": page(EVERYONE, "attendance"),
    "api:leave-request-list": page(EVERYONE, "leave_request"),
    "api:leave-request-detail": page(EVERYONE, "leave_request"),
    "api:leave-request-approve": post(EVERYONE, "leave_request"),
    "api:leave-request-reject": post(EVERYONE, "leave_request"),
    "api:minutes-score-list": page(EVERYONE, "minutes_score"),
    "api:minutes-score-detail": page(EVERYONE, "minutes_score"),
}

# Cells where the application is known to be wrong, each with the bug. The matrix expects
# the right answer and fails when one of these starts to give it: then delete the entry.
KNOWN_BUGS: dict[tuple[str, str], str] = {}

# Which side of the tree each cast member works in (None: the branch or the whole bank).
SIDE_OF = {"head_a": "a", "officer_a": "a", "am_a_user": "a", "head_b": "b", "am_b_user": "b"}


def sees(rule: Rule, member: str, role, side: str) -> bool:
    """Whether `member` sees the side's object of the rule's subject."""
    if role in rule.unseen_by:
        return False
    if rule.seen_by == GLOBAL:
        return True
    if isinstance(rule.seen_by, dict):
        return member in rule.seen_by[side]
    return SIDE_OF.get(member, side) == side


def expected_statuses(rule: Rule, member: str, role, side: str | None) -> set[int]:
    if rule.post_only:
        return {405} if role in rule.roles else {403, 405}
    if role not in rule.roles:
        return {rule.denied}
    if side is None or sees(rule, member, role, side):
        return {rule.ok}
    return {404}
