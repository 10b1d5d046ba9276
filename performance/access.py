"""Page access by role for the performance app (R-ORG-2). What a permitted user then sees is
scoped separately (`Model.objects.restrict(user)`)."""

from managers.choices import Role

# Account managers read their own indicators page instead.
EVALUATION_PAGE_ROLES = frozenset(
    {Role.UNIT_HEAD, Role.CREDIT_OFFICER, Role.HR, Role.COMPLIANCE, Role.ADMIN}
)
EVALUATOR_ROLES = frozenset({Role.HR, Role.ADMIN, Role.INTEGRATION})
IMPORTER_ROLES = frozenset({Role.HR, Role.ADMIN, Role.INTEGRATION})
