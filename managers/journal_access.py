"""Who does what with work journals (R-JNL-1, R-ORG-2). What they then see is scoped by
`restrict(user)`: an account manager their own journals, everyone else their subtree's."""

from django.utils.translation import gettext_lazy as _

from .choices import Role

# Account managers write their own journals, and nobody else writes them.
JOURNAL_WRITERS = frozenset({Role.ACCOUNT_MANAGER})
# The unit head reviews and signs; the credit officer may stand in (R-MTG-1 does likewise).
JOURNAL_REVIEWERS = frozenset({Role.UNIT_HEAD, Role.CREDIT_OFFICER})
# Heads spot-check journals (R-JNL-1).
SPOT_CHECKERS = frozenset({Role.UNIT_HEAD})
# Who follows journals, missing days and submission rates of their subtree.
JOURNAL_SUPERVISORS = JOURNAL_REVIEWERS | {Role.HR, Role.COMPLIANCE, Role.ADMIN}
JOURNAL_READERS = JOURNAL_SUPERVISORS | JOURNAL_WRITERS


def may_review(user) -> bool:
    return user.is_authenticated and user.role in JOURNAL_REVIEWERS


def may_spot_check(user) -> bool:
    return user.is_authenticated and (user.sees_whole_bank or user.role in SPOT_CHECKERS)


# The journal pages' tabs (and, for the lead, the navigation entries): url name, label,
# roles. Administrators pass every role check but write no journal of their own.
TABS = (
    ("my-journal", _("My journal"), JOURNAL_WRITERS),
    ("journal-list", _("Journals"), JOURNAL_READERS),
    ("journal-review-queue", _("Review queue"), JOURNAL_REVIEWERS | {Role.ADMIN}),
    ("journal-missing", _("Missing and late journals"), JOURNAL_SUPERVISORS),
    ("journal-rates", _("Submission rates"), JOURNAL_SUPERVISORS),
    ("spot-check-list", _("Spot checks"), SPOT_CHECKERS | {Role.ADMIN}),
)


def journal_tabs(user) -> list[tuple[str, str]]:
    role = Role.ADMIN if user.sees_whole_bank else user.role
    return [(url_name, label) for url_name, label, roles in TABS if role in roles]
