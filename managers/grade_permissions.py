"""Who may propose and who may decide a grade change (R-GRD-4). Each function returns the
reason for a refusal, or None when the user may act; scope is checked by the caller."""

from django.utils.translation import gettext as _

from .choices import ApprovalAuthority, OrgUnitKind, Role
from .models import GradeChange, User

PROPOSERS = frozenset({Role.UNIT_HEAD, Role.HR})
SUB_BRANCH_OR_ABOVE = frozenset(
    {OrgUnitKind.SUB_BRANCH, OrgUnitKind.BRANCH, OrgUnitKind.HEAD_OFFICE}
)
BRANCH_OR_ABOVE = frozenset({OrgUnitKind.BRANCH, OrgUnitKind.HEAD_OFFICE})


def proposal_refusal(user: User) -> str | None:
    if user.sees_whole_bank or user.role in PROPOSERS:
        return None
    return _("Only unit heads and HR propose grade changes.")


def _unit_kind(user: User) -> str | None:
    return user.org_unit.kind if user.org_unit else None


def _may_decide(user: User, authority: str) -> bool:
    if authority == ApprovalAuthority.SUB_BRANCH:
        return user.role == Role.HR or (
            user.role == Role.UNIT_HEAD and _unit_kind(user) in SUB_BRANCH_OR_ABOVE
        )
    if authority == ApprovalAuthority.HR_REVIEW:
        return user.role == Role.HR
    return user.role == Role.HR and _unit_kind(user) in BRANCH_OR_ABOVE


def decision_refusal(user: User, change: GradeChange) -> str | None:
    if change.proposed_by_id == user.pk:
        return _("Nobody decides their own proposal.")
    if user.sees_whole_bank or _may_decide(user, change.authority):
        return None
    return _("This change is decided by: %(authority)s (R-GRD-4). Your role cannot decide it.") % {
        "authority": change.get_authority_display()
    }
