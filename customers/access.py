"""Who may do what with customers (R-ORG-2, R-CUS-7). What they then see is scoped."""

from managers.choices import Role

ASSIGNERS = frozenset({Role.UNIT_HEAD, Role.HR, Role.INTEGRATION})
REVEALERS = frozenset({Role.ACCOUNT_MANAGER, Role.UNIT_HEAD, Role.COMPLIANCE, Role.INTEGRATION})
CUSTOMER_PAGE_ROLES = frozenset(
    {
        Role.ACCOUNT_MANAGER,
        Role.UNIT_HEAD,
        Role.CREDIT_OFFICER,
        Role.HR,
        Role.COMPLIANCE,
        Role.ADMIN,
    }
)
ASSIGNER_PAGE_ROLES = frozenset({Role.UNIT_HEAD, Role.HR, Role.ADMIN})
# R-VIS-1, R-VIS-2: who follows visits and outings; only account managers write them.
VISIT_READERS = frozenset(
    {Role.ACCOUNT_MANAGER, Role.UNIT_HEAD, Role.HR, Role.COMPLIANCE, Role.ADMIN}
)
VISIT_WRITERS = frozenset({Role.ACCOUNT_MANAGER})


def may_assign(user) -> bool:
    return user.sees_whole_bank or user.role in ASSIGNERS


def may_reveal(user) -> bool:
    """R-CUS-7: personal data is for those who serve or supervise the customer."""
    return user.sees_whole_bank or user.role in REVEALERS
