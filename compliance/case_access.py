"""Page access of the prohibitions catalogue, violation cases and discipline by role
(R-ORG-2). What a permitted user then sees is scoped by the querysets' `restrict()`."""

from managers.choices import Role

STAFF_ROLES = frozenset(Role) - {Role.INTEGRATION}  # integration clients use the API
CATALOGUE_READERS = STAFF_ROLES
ACKNOWLEDGEMENT_READERS = frozenset({Role.COMPLIANCE, Role.UNIT_HEAD, Role.HR, Role.ADMIN})
CASE_READERS = STAFF_ROLES
CASE_REPORTERS = STAFF_ROLES
INVESTIGATORS = frozenset({Role.COMPLIANCE, Role.ADMIN})
DISCIPLINE_READERS = frozenset({Role.COMPLIANCE, Role.HR, Role.UNIT_HEAD, Role.ADMIN})
DISCIPLINE_DECIDERS = frozenset({Role.COMPLIANCE, Role.HR, Role.ADMIN})
OWN_DISCIPLINE_READERS = frozenset({Role.ACCOUNT_MANAGER})
