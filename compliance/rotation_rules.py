"""Write-side checks of R-PRO-10: no change of post (unit) and no leaving (status
exited) while the AM still holds customers — the handover is complete when no current
assignment is left; an AM who rotated away from an outlet may not become its head (or
business manager) within the policy's cooling-off period (one year by default)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.models import Assignment
from managers.choices import ManagerStatus, Role

from .rotation import RotationPolicy
from .rotation_selectors import held_now

HEAD_ROLES = frozenset({Role.UNIT_HEAD})


def refuse_move_before_handover(manager, *, unit_id, status, today: date | None = None):
    """Raise when the AM changes unit or exits while holding customers."""
    moving = unit_id != manager.unit_id
    leaving = status == ManagerStatus.EXITED and manager.status != ManagerStatus.EXITED
    if not (moving or leaving):
        return
    today = today or timezone.localdate()
    held = (
        Assignment.objects.filter(held_now(today, prefix=""), manager=manager)
        .values("customer")
        .distinct()
        .count()
    )
    if held:
        field = "unit" if moving else "status"
        raise ValidationError(
            {
                field: _(
                    "%(manager)s still holds %(count)s customers: hand them over first (R-PRO-10)."
                )
                % {"manager": manager.name, "count": held}
            }
        )


def refuse_head_of_former_unit(user, *, role, org_unit_id, today: date | None = None):
    """Raise when a user whose account manager left `org_unit_id` within the cooling-off
    period is made head of it."""
    if role not in HEAD_ROLES or org_unit_id is None or user.pk is None:
        return
    manager = getattr(user, "account_manager", None)
    if manager is None:
        return
    today = today or timezone.localdate()
    days = RotationPolicy.current().cooling_off_days
    left_on = _left_on(manager, org_unit_id)
    if left_on is None or left_on < today - timedelta(days=days):
        return
    if manager.unit_id != org_unit_id:
        raise ValidationError(
            {
                "role": _(
                    "%(name)s rotated away from this unit less than %(days)s days ago and "
                    "cannot be its head yet (R-PRO-10)."
                )
                % {"name": user.get_full_name(), "days": days}
            }
        )


def _left_on(manager, unit_id) -> date | None:
    """The last day the AM moved away from `unit_id`, from their history."""
    left_on, previous = None, None
    rows = manager.history.order_by("history_date").values_list("history_date", "unit_id")
    for moment, unit in rows:
        if previous == unit_id and unit != unit_id:
            left_on = timezone.localdate(moment)
        previous = unit
    return left_on
