"""Loans sent by the core-banking system (R-RPT-1): a list of rows, upserted by contract
number, all or nothing. Every row is checked (its fields, maturity not before start, the
customer known and in the caller's scope, the contract not twice in one request, not a
contract of a unit outside the caller's scope); any problem rejects the whole request with
every problem by row (item n of the list is row n) and field. A fixed number of queries
whatever the number of rows; history rows are written in bulk."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from customers.models import Customer
from managers.import_files import ImportRefused, RowError, refused

from .access import IMPORTER_ROLES
from .models import Loan

MAX_ROWS = 20_000
FIELDS = ("contract_number", "customer", "balance", "start_date", "due_on")
UPDATED_FIELDS = ["customer", "balance", "start_date", "due_on"]
BATCH = 2000


def may_import_loans(user) -> bool:
    return user.is_authenticated and (user.sees_whole_bank or user.role in IMPORTER_ROLES)


class LoanRowForm(forms.Form):
    """One row's fields: dates as YYYY-MM-DD, the balance in yuan."""

    contract_number = forms.CharField(max_length=40)
    customer = forms.CharField(max_length=32)
    balance = forms.DecimalField(min_value=0, max_digits=18, decimal_places=2)
    start_date = forms.DateField(input_formats=["%Y-%m-%d"])
    due_on = forms.DateField(input_formats=["%Y-%m-%d"])

    def clean(self):
        data = super().clean()
        start, due = data.get("start_date"), data.get("due_on")
        if start and due and due < start:
            self.add_error("due_on", _("The maturity date is before the start date."))
        return data


@dataclass(frozen=True)
class LoanRow:
    number: int
    contract_number: str
    customer: str
    balance: Decimal
    start_date: date
    due_on: date


@dataclass(frozen=True)
class LoanUpsert:
    created: int
    updated: int
    unchanged: int


def parse_rows(items) -> tuple[list[LoanRow], list[RowError]]:
    """Each item checked on its own, then the contracts repeated within the request."""
    if not isinstance(items, list):
        raise refused(_("Send a list of loans, each an object."))
    if not items:
        raise refused(_("The list of loans is empty."))
    if len(items) > MAX_ROWS:
        raise refused(
            _("At most %(limit)s loans per request: split them into several requests.")
            % {"limit": f"{MAX_ROWS:,}"}
        )
    rows, errors, first_row = [], [], {}
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            errors.append(RowError(number, None, _("Each loan is an object.")))
            continue
        wrong = [key for key in FIELDS if not _scalar(item.get(key))]
        errors.extend(RowError(number, key, _("Expected text or a number.")) for key in wrong)
        form = LoanRowForm({key: _text(item.get(key)) for key in FIELDS if key not in wrong})
        if not form.is_valid():
            for field, messages in form.errors.items():
                if field not in wrong:
                    errors.extend(RowError(number, field, message) for message in messages)
            continue
        if wrong:
            continue
        row = LoanRow(number, **form.cleaned_data)
        earlier = first_row.setdefault(row.contract_number, number)
        if earlier != number:
            message = _("This contract is already in row %(row)s.") % {"row": earlier}
            errors.append(RowError(number, "contract_number", message))
            continue
        rows.append(row)
    return rows, errors


def _scalar(value) -> bool:
    """None (missing), text or a number; not true/false, a list or an object."""
    return value is None or (isinstance(value, str | int | float) and not isinstance(value, bool))


def _text(value):
    """JSON numbers as the text the form parses."""
    return str(value) if isinstance(value, int | float) else value


def loans_upsert(*, actor, items) -> LoanUpsert:
    """Create or update the loans of `items`; raise `ImportRefused` with every problem."""
    if not may_import_loans(actor):
        raise PermissionDenied
    rows, errors = parse_rows(items)
    customers = dict(
        Customer.objects.restrict(actor)
        .filter(number__in={row.customer for row in rows})
        .values_list("number", "pk")
    )
    visible = Loan.objects.restrict(actor).filter(pk=OuterRef("pk"))
    existing = {
        loan.contract_number: loan
        for loan in Loan.objects.filter(
            contract_number__in=[row.contract_number for row in rows]
        ).annotate(visible=Exists(visible))
    }
    for row in rows:
        if row.customer not in customers:
            message = _("Unknown customer number, or a customer outside your units.")
            errors.append(RowError(row.number, "customer", message))
        loan = existing.get(row.contract_number)
        if loan is not None and not loan.visible:
            message = _("This contract belongs to a customer outside your units.")
            errors.append(RowError(row.number, "contract_number", message))
    if errors:
        raise ImportRefused(sorted(errors, key=lambda error: (error.row or 0, error.column or "")))
    return _write(actor, rows, customers, existing)


def _write(actor, rows: list[LoanRow], customers: dict, existing: dict) -> LoanUpsert:
    new, changed, unchanged = [], [], 0
    for row in rows:
        values = {
            "customer_id": customers[row.customer],
            "balance": row.balance,
            "start_date": row.start_date,
            "due_on": row.due_on,
        }
        loan = existing.get(row.contract_number)
        if loan is None:
            new.append(Loan(contract_number=row.contract_number, **values))
        elif any(getattr(loan, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(loan, field, value)
            changed.append(loan)
        else:
            unchanged += 1
    try:
        with transaction.atomic():
            if new:
                bulk_create_with_history(new, Loan, batch_size=BATCH, default_user=actor)
            if changed:
                bulk_update_with_history(
                    changed, Loan, UPDATED_FIELDS, batch_size=BATCH, default_user=actor
                )
    except IntegrityError:  # another request created one of these contracts meanwhile
        raise refused(
            _("Another request changed these loans at the same time: send again.")
        ) from None
    return LoanUpsert(len(new), len(changed), unchanged)
