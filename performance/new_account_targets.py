"""New accounts against their targets on the branch head's dashboard (R-CUS-6, R-RPT-4).

The targets (`NewAccountPolicy`, editable in admin) are per sub-branch (`OrgUnitKind.
SUB_BRANCH`): a unit's target is the policy's number times the sub-branches in its subtree
(a sub-branch: its own; a unit below a sub-branch, e.g. an outlet, has none). Three
queries whatever the size: the policy, the subtree's sub-branches, and this month's new
corporate and basic accounts grouped by unit, from which the number of sub-branches still
below this month's targets follows."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from customers.choices import CustomerKind
from customers.models import Customer
from managers.choices import OrgUnitKind
from managers.models import OrgUnit

from .dashboard_attention import NewAccounts
from .models import NewAccountPolicy


@dataclass(frozen=True)
class TargetRow:
    key: str
    label: str
    count: int
    target: int | None

    @property
    def short(self) -> bool:
        return self.target is not None and self.count < self.target


@dataclass(frozen=True)
class NewAccountTargets:
    rows: list[TargetRow]
    sub_branches: int
    sub_branches_short: int


def _month_by_sub_branch(user, unit: OrgUnit, first: date) -> list[tuple[int, int]]:
    """(corporate, basic) accounts opened since `first` in each sub-branch of the subtree:
    the sub-branches, then this month's new customers grouped by unit (two queries; the
    second reads only this month's customers), each unit added to its sub-branch."""
    paths = list(
        OrgUnit.objects.restrict(user)
        .filter(kind=OrgUnitKind.SUB_BRANCH, path__startswith=unit.path)
        .values_list("path", flat=True)
    )
    opened = (
        Customer.objects.restrict(user)
        .filter(unit__path__startswith=unit.path, opened_on__gte=first)
        .values("unit__path")
        .order_by()
        .annotate(
            corporate=Count("pk", filter=Q(kind=CustomerKind.CORPORATE)),
            basic=Count("pk", filter=Q(has_basic_account=True)),
        )
    )
    counts = {path: [0, 0] for path in paths}
    lengths = sorted({len(path) for path in paths})
    for row in opened:
        for length in lengths:  # the sub-branch whose path is a prefix of the unit's
            found = counts.get(row["unit__path"][:length])
            if found is not None:
                found[0] += row["corporate"]
                found[1] += row["basic"]
                break
    return [tuple(pair) for pair in counts.values()]


def new_account_targets(user, unit: OrgUnit, today: date, counts: NewAccounts) -> NewAccountTargets:
    """R-CUS-6: the counts of `counts` against the targets of `unit`'s sub-branches."""
    policy = NewAccountPolicy.current()
    sub_branches = _month_by_sub_branch(user, unit, today.replace(day=1))
    number = len(sub_branches)
    short = sum(
        1
        for corporate, basic in sub_branches
        if corporate < policy.corporate_per_month or basic < policy.basic_per_month
    )

    def target(per_sub_branch: int) -> int | None:
        return per_sub_branch * number if number else None

    rows = [
        TargetRow(
            "corporate-week",
            _("Corporate, this week"),
            counts.corporate_week,
            target(policy.corporate_per_week),
        ),
        TargetRow(
            "corporate-month",
            _("Corporate, this month"),
            counts.corporate_month,
            target(policy.corporate_per_month),
        ),
        TargetRow(
            "basic-month",
            _("Basic accounts, this month"),
            counts.basic_month,
            target(policy.basic_per_month),
        ),
    ]
    return NewAccountTargets(rows, number, short)
