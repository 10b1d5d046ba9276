"""HR records judicial measures (R-PRO-11); `customers.services` refuses new credit
assignments to the AM from `since`."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from managers.choices import Role
from managers.models import AccountManager
from managers.writes import save_validated

from .rotation import JudicialMeasure


def hr_refusal(user) -> str | None:
    if user.is_authenticated and (user.sees_whole_bank or user.role == Role.HR):
        return None
    return _("Only HR records judicial measures.")


@transaction.atomic
def judicial_measure_record(
    *, actor, manager: AccountManager, since: date, until: date | None = None, note: str = ""
) -> JudicialMeasure:
    refusal = hr_refusal(actor)
    if refusal:
        raise PermissionDenied(refusal)
    if not AccountManager.objects.restrict(actor).filter(pk=manager.pk).exists():
        raise ValidationError({"manager": _("Choose an account manager of your scope.")})
    measure = JudicialMeasure(
        manager=manager, since=since, until=until, note=note.strip(), recorded_by=actor
    )
    return save_validated(measure, actor)
