"""Who does what with meetings (R-ORG-2, R-MTG-1…3). What they then see is scoped by
`restrict(user)`: an account manager their own unit's meetings and their own attendance,
everyone else their subtree's."""

from managers.choices import Role

# R-MTG-1/2: the director hosts, the credit officer keeps the register (or hosts in the
# director's absence); both record meetings and sign-ins.
RECORDERS = frozenset({Role.UNIT_HEAD, Role.CREDIT_OFFICER})
# Who may host a unit's meeting (R-MTG-1).
HOSTS = RECORDERS
# R-MTG-2: account managers and credit officers ask leave; the unit head approves.
LEAVE_ASKERS = frozenset({Role.ACCOUNT_MANAGER, Role.CREDIT_OFFICER})
LEAVE_APPROVERS = frozenset({Role.UNIT_HEAD})
# R-MTG-3: the credit line (credit officers) and compliance spot-check minutes.
MINUTES_REVIEWERS = frozenset({Role.CREDIT_OFFICER, Role.COMPLIANCE})
# Who follows meetings, attendance rates and the minutes roll-up of their subtree.
SUPERVISORS = frozenset({Role.UNIT_HEAD, Role.CREDIT_OFFICER, Role.HR, Role.COMPLIANCE, Role.ADMIN})
READERS = SUPERVISORS | {Role.ACCOUNT_MANAGER}
LEAVE_PAGE_ROLES = LEAVE_ASKERS | LEAVE_APPROVERS | {Role.ADMIN}
API_READERS = READERS | {Role.INTEGRATION}


def is_admin(user) -> bool:
    return user.is_authenticated and user.sees_whole_bank


def may_record(user) -> bool:
    return is_admin(user) or user.role in RECORDERS


def may_approve_leave(user) -> bool:
    return is_admin(user) or user.role in LEAVE_APPROVERS


def may_ask_leave(user) -> bool:
    return user.is_authenticated and user.role in LEAVE_ASKERS | {Role.UNIT_HEAD}


def may_review_minutes(user) -> bool:
    return is_admin(user) or user.role in MINUTES_REVIEWERS
