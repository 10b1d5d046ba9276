"""Write operations on customers and their assignment (R-CUS-2, R-CUS-4): each in one
transaction with the customer's row locked, so concurrent assignments of the same
customer are decided one after the other and shares never pass 100%."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from managers.choices import ManagerStatus
from managers.models import AccountManager
from managers.writes import save_validated

from . import share_rules
from .choices import CreditBasis, CustomerSource
from .models import Assignment, CreditShareMinimum, Customer, Transfer


@dataclass
class AssignmentResult:
    assignment: Assignment
    warnings: list[str] = field(default_factory=list)


def customer_facts(customer: Customer) -> share_rules.CustomerFacts:
    return share_rules.CustomerFacts(
        kind=customer.kind,
        is_credit=customer.is_credit,
        deposit_daily_avg=customer.deposit_daily_avg,
        loan_balance=customer.loan_balance,
    )


def minimum_share(source: str, basis: str) -> Decimal:
    """R-CUS-4 minimum for the customer's source; an increase after a transfer counts as
    'transferred' whatever the original source."""
    if basis == CreditBasis.INCREASE:
        source = CustomerSource.TRANSFERRED
    row = CreditShareMinimum.objects.filter(source=source).first()
    return row.minimum_share if row else Decimal("0")


def _locked(customer: Customer) -> Customer:
    return Customer.objects.select_for_update().get(pk=customer.pk)


def _current_shares(customer: Customer) -> list[share_rules.Share]:
    rows = Assignment.objects.filter(customer=customer, end_date__isnull=True)
    return [share_rules.Share(r.manager_id, r.credit_share, r.basis) for r in rows]


def _refuse_judicial(manager: AccountManager, customer: Customer, start_date: date) -> None:
    """R-PRO-11: an AM under judicial measures gets no new credit customers from the day
    HR records the measure (nor for an assignment starting while it is in force)."""
    from compliance.rotation import JudicialMeasure

    if not customer.is_credit:
        return
    measures = JudicialMeasure.objects.filter(manager=manager)
    for day in {start_date, timezone.localdate()}:
        measure = measures.in_force(day).first()
        if measure is not None:
            raise ValidationError(
                {
                    "manager": _(
                        "%(manager)s is under judicial measures since %(date)s: no credit "
                        "customers may be assigned to them."
                    )
                    % {"manager": manager.name, "date": measure.since.isoformat()}
                }
            )


def _add(
    *,
    actor,
    customer: Customer,
    manager: AccountManager,
    credit_share: Decimal,
    start_date: date,
    basis: str = CreditBasis.WHOLE,
    baseline: Decimal | None = None,
    existing: list[share_rules.Share] | None = None,
) -> AssignmentResult:
    _refuse_judicial(manager, customer, start_date)
    existing = _current_shares(customer) if existing is None else existing
    new = share_rules.Share(manager.pk, credit_share, basis)
    errors = share_rules.share_errors(
        existing,
        new,
        minimum=minimum_share(customer.source, basis),
        manager_is_trainee=manager.status == ManagerStatus.TRAINEE,
        customer=customer_facts(customer),
    )
    if errors:
        raise ValidationError(errors)
    assignment = Assignment(
        customer=customer,
        manager=manager,
        credit_share=credit_share,
        basis=basis,
        baseline_deposit_avg=baseline,
        start_date=start_date,
        created_by=actor,
    )
    save_validated(assignment, actor)
    warning = share_rules.corporate_warning(customer_facts(customer), manager.line)
    return AssignmentResult(assignment, [warning] if warning else [])


@transaction.atomic
def assignment_create(
    *,
    actor,
    customer: Customer,
    manager: AccountManager,
    credit_share: Decimal,
    start_date: date,
) -> AssignmentResult:
    """Give `manager` a share of `customer` (分田到户)."""
    return _add(
        actor=actor,
        customer=_locked(customer),
        manager=manager,
        credit_share=credit_share,
        start_date=start_date,
    )


@transaction.atomic
def assignment_end(*, actor, assignment: Assignment, end_date: date) -> Assignment:
    _locked(assignment.customer)
    assignment = Assignment.objects.get(pk=assignment.pk)
    if assignment.end_date is not None:
        raise ValidationError(_("This assignment has already ended."))
    assignment.end_date = end_date
    return save_validated(assignment, actor)


@transaction.atomic
def bulk_assign(
    *,
    actor,
    customers: list[Customer],
    manager: AccountManager,
    credit_share: Decimal,
    start_date: date,
) -> list[AssignmentResult]:
    """Assign many customers to one manager: all of them, or none (the first error names
    the customer)."""
    results = []
    for customer in sorted(customers, key=lambda c: c.pk):  # lock in a fixed order
        try:
            results.append(
                _add(
                    actor=actor,
                    customer=_locked(customer),
                    manager=manager,
                    credit_share=credit_share,
                    start_date=start_date,
                )
            )
        except ValidationError as error:
            raise ValidationError(
                {
                    "customers": [
                        f"{customer.number} {customer.name}: {message}"
                        for message in error.messages
                    ]
                }
            ) from error
    return results


@transaction.atomic
def customer_transfer(
    *,
    actor,
    customer: Customer,
    from_manager: AccountManager,
    to_manager: AccountManager,
    transfer_date: date,
    baseline_deposit_avg: Decimal,
    increase_share: Decimal,
    reason: str,
) -> Transfer:
    """Hand a customer over (R-CUS-4): the former holder keeps the existing business up to
    the baseline, the new holder is credited `increase_share` of the increase over it."""
    customer = _locked(customer)
    held = Assignment.objects.filter(
        customer=customer,
        manager=from_manager,
        end_date__isnull=True,
        basis__in=share_rules.SHARED_BASES,
    ).first()
    if held is None:
        raise ValidationError(
            {"from_manager": _("This account manager does not hold the customer.")}
        )
    if from_manager.pk == to_manager.pk:
        raise ValidationError({"to_manager": _("Choose another account manager.")})
    if transfer_date <= held.start_date:
        raise ValidationError(
            {
                "transfer_date": _("Must be after the current assignment began (%(date)s).")
                % {"date": held.start_date.isoformat()}
            }
        )
    transfer = Transfer(
        customer=customer,
        from_manager=from_manager,
        to_manager=to_manager,
        transfer_date=transfer_date,
        baseline_deposit_avg=baseline_deposit_avg,
        increase_share=increase_share,
        reason=reason.strip(),
        created_by=actor,
    )
    save_validated(transfer, actor)

    held.end_date = transfer_date - timedelta(days=1)
    save_validated(held, actor, update_fields=["end_date"])
    remaining = [
        s
        for s in _current_shares(customer)
        if s.manager_id != from_manager.pk or s.basis == CreditBasis.BASELINE
    ]
    baseline_holder = Assignment(
        customer=customer,
        manager=from_manager,
        credit_share=held.credit_share,
        basis=CreditBasis.BASELINE,
        baseline_deposit_avg=baseline_deposit_avg,
        start_date=transfer_date,
        created_by=actor,
    )
    save_validated(baseline_holder, actor)
    _add(
        actor=actor,
        customer=customer,
        manager=to_manager,
        credit_share=increase_share,
        start_date=transfer_date,
        basis=CreditBasis.INCREASE,
        baseline=baseline_deposit_avg,
        existing=remaining,
    )
    return transfer
