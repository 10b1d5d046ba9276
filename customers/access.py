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


def may_assign(user) -> bool:
    return user.sees_whole_bank or user.role in ASSIGNERS


def may_reveal(user) -> bool:
    """R-CUS-7: personal data is for those who serve or supervise the customer."""
    return user.sees_whole_bank or user.role in REVEALERS
