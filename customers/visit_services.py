"""Write operations on visits (R-VIS-1) and outings (R-VIS-2): validate, save and record
who did it (django-simple-history) in one transaction. Only an account manager writes,
always as themselves; pages and the API call these and nothing else."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from managers.models import AccountManager
from managers.own_records import acting_manager, own_records_refusal
from managers.writes import save_validated

from .models import Customer, Outing, Visit
from .visit_selectors import customers_for


def _others_message() -> str:
    return _("Only account managers log visits and register outings, for themselves.")


def writer_refusal(user) -> str | None:
    """Why `user` may not log visits or register outings, or None when they may."""
    return own_records_refusal(user, others_message=_others_message())


def _acting_manager(actor) -> AccountManager:
    return acting_manager(actor, others_message=_others_message())


def _customer_error(actor, customer: Customer | None) -> str | None:
    if customer is not None and not customers_for(actor).filter(pk=customer.pk).exists():
        return _("Choose one of your customers.")
    return None


@transaction.atomic
def visit_create(
    *,
    actor,
    customer: Customer,
    method: str,
    person_met: str,
    purpose: str,
    outcome: str,
    visited_at: datetime | None = None,
    person_department: str = "",
    person_position: str = "",
    next_steps: str = "",
    outing: Outing | None = None,
) -> Visit:
    """R-VIS-1: the actor's own visit to one of their customers, now or in the past,
    optionally during one of their open outings (R-VIS-2)."""
    manager = _acting_manager(actor)
    now = timezone.now()
    visited_at = visited_at or now
    errors = {}
    if customer_error := _customer_error(actor, customer):
        errors["customer"] = customer_error
    if visited_at > now:
        errors["visited_at"] = _("A visit cannot be in the future.")
    if outing is not None:
        outing = (
            Outing.objects.select_for_update()
            .filter(pk=outing.pk, manager=manager, returned_at__isnull=True)
            .first()
        )
        if outing is None:
            errors["outing"] = _("Choose one of your outings that is still open.")
        elif visited_at < outing.left_at and "visited_at" not in errors:
            errors["visited_at"] = _("The visit is before this outing started.")
    if errors:
        raise ValidationError(errors)
    visit = Visit(
        manager=manager,
        customer=customer,
        method=method,
        visited_at=visited_at,
        person_met=person_met,
        person_department=person_department,
        person_position=person_position,
        purpose=purpose,
        outcome=outcome,
        next_steps=next_steps,
        outing=outing,
    )
    return save_validated(visit, actor)


@transaction.atomic
def outing_register(
    *,
    actor,
    destination: str,
    purpose: str,
    expected_return_at: datetime,
    left_at: datetime | None = None,
    customer: Customer | None = None,
) -> Outing:
    """R-VIS-2: registered before leaving: where, why, which customer (optional), when
    back. Leaving defaults to now."""
    manager = _acting_manager(actor)
    left_at = left_at or timezone.now()
    errors = {}
    if customer_error := _customer_error(actor, customer):
        errors["customer"] = customer_error
    if expected_return_at <= left_at:
        errors["expected_return_at"] = _("The expected return must be after leaving.")
    if errors:
        raise ValidationError(errors)
    outing = Outing(
        manager=manager,
        customer=customer,
        destination=destination,
        purpose=purpose,
        left_at=left_at,
        expected_return_at=expected_return_at,
    )
    return save_validated(outing, actor)


@transaction.atomic
def outing_return(*, actor, outing: Outing, returned_at: datetime | None = None) -> Outing:
    """R-VIS-2 "I'm back": closes the actor's own open outing (default: now)."""
    manager = _acting_manager(actor)
    outing = Outing.objects.select_for_update().get(pk=outing.pk)
    if outing.manager_id != manager.pk:
        raise PermissionDenied(_("Only the account manager who registered an outing closes it."))
    if outing.returned_at is not None:
        raise ValidationError(
            _("This outing was already closed at %(time)s.")
            % {"time": date_format(timezone.localtime(outing.returned_at), "Y-m-d H:i")}
        )
    returned_at = returned_at or timezone.now()
    if returned_at < outing.left_at:
        raise ValidationError({"returned_at": _("An outing cannot be closed before it started.")})
    outing.returned_at = returned_at
    return save_validated(outing, actor)
