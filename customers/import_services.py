"""Saving a customer import (R-CUS-1…4, R-GRD-5, R-ELG-6, R-CUS-7, R-PRO-8).

The file's units, account managers, customers and their current assignments are loaded
with a few set-based queries (never one per row); every row is checked against them; then
one transaction creates or updates the customers and creates the missing assignments — or,
if any row has a problem, nothing is saved. Writes go through simple-history's bulk helpers,
so every created or changed row has its history row with the importing user, and a file
imported twice changes nothing the second time.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from compliance.models import CustomerDataAccess
from managers.choices import ManagerStatus, Role
from managers.import_files import ImportRefused, RowError
from managers.models import AccountManager, OrgUnit

from . import share_rules
from .choices import AccessAction, CreditBasis, CustomerSource
from .imports import (
    CUSTOMER_FIELDS,
    CustomerRow,
    ManagerShare,
    ParsedFile,
    read_customer_file,
)
from .models import Assignment, Customer
from .services import customer_facts, minimum_share

IMPORT_ROLES = frozenset({Role.HR, Role.UNIT_HEAD, Role.ADMIN})
CHUNK = 2_000  # customer numbers per query
BATCH = 1_000  # rows per INSERT / UPDATE
ACCESS_FIELDS = "id_number,phone"
ACCESS_PURPOSE = "bulk import"


class ImportRejected(Exception):
    """Rows with problems: nothing was saved."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} problems")
        self.errors = sorted(errors, key=lambda error: error.row or 0)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    assignments_created: int
    warnings: list[RowError] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "assignments_created": self.assignments_created,
        }


@dataclass
class ImportOutcome:
    """What the page and the API show: the counts, or the problems (nothing saved)."""

    result: ImportResult | None = None
    errors: list[RowError] = field(default_factory=list)


@dataclass
class Facts:
    """What the database knows about the file's units, managers and customers, and which of
    them the importing user may reach (R-ORG-1: `restrict(user)`)."""

    units: dict[str, OrgUnit]
    units_in_scope: set[int]
    managers: dict[str, AccountManager]
    managers_in_scope: set[int]
    customers: dict[str, Customer]
    customers_in_scope: set[int]
    holdings: dict[int, list[Assignment]]  # current assignments by customer id
    minimums: dict[str, Decimal]  # R-CUS-4 by source


@dataclass
class RowPlan:
    row: CustomerRow
    customer: Customer
    is_new: bool
    changed: list[str]
    new_shares: list[tuple[AccountManager, Decimal]]


def customer_import_upload(*, actor, upload, today: date, ip_address, path: str) -> ImportOutcome:
    """Read an uploaded file and import it; the user's mistakes come back as errors."""
    try:
        parsed = read_customer_file(upload)
        result = customer_import(
            actor=actor, parsed=parsed, today=today, ip_address=ip_address, path=path
        )
    except (ImportRefused, ImportRejected) as problem:
        return ImportOutcome(errors=problem.errors)
    return ImportOutcome(result=result)


@transaction.atomic
def customer_import(
    *, actor, parsed: ParsedFile, today: date, ip_address: str | None, path: str
) -> ImportResult:
    """Create or update the file's customers by number and give them the file's account
    managers (R-CUS-2, R-CUS-4), all or nothing. The customers already registered are
    locked until the end, so a concurrent transfer or import waits. Every successful import
    is logged as access to customer personal data (R-PRO-8, R-CUS-7)."""
    facts = load_facts(user=actor, rows=parsed.rows, lock=True)
    plans, errors, warnings = plan_rows(parsed, facts, today=today)
    if parsed.errors or errors:
        raise ImportRejected([*parsed.errors, *errors])

    counts = {"created": 0, "updated": 0, "assignments_created": 0}
    try:
        for start in range(0, len(plans), BATCH):  # bounded memory for history rows
            _save(plans[start : start + BATCH], actor=actor, today=today, counts=counts)
    except IntegrityError as error:
        message = _("Someone saved some of these customers at the same time: import again.")
        raise ImportRejected([RowError(None, None, message)]) from error

    CustomerDataAccess.objects.create(
        user=actor,
        action=AccessAction.IMPORT,
        customer_numbers=[row.number for row in parsed.rows],
        customer_count=len(parsed.rows),
        fields=ACCESS_FIELDS,
        purpose=ACCESS_PURPOSE,
        ip_address=ip_address,
        path=path[:300],
    )
    ignored = [
        RowError(1, header, _("Unknown column: it was not imported."))
        for header in parsed.ignored_headers
    ]
    return ImportResult(
        **counts,
        unchanged=len(plans) - counts["created"] - counts["updated"],
        warnings=[*ignored, *warnings],
    )


def _save(plans: list["RowPlan"], *, actor, today: date, counts: dict[str, int]) -> None:
    """One batch: new customers, changed customers (only the fields that changed in the
    batch), then the new assignments — each with its history row by the importing user."""
    history = {"default_user": actor, "default_change_reason": ACCESS_PURPOSE}
    new = [plan.customer for plan in plans if plan.is_new]
    if new:
        bulk_create_with_history(new, Customer, **history)
    changed = [plan for plan in plans if not plan.is_new and plan.changed]
    if changed:
        fields = sorted({name for plan in changed for name in plan.changed})
        bulk_update_with_history([plan.customer for plan in changed], Customer, fields, **history)
    assignments = [
        Assignment(
            customer=plan.customer,
            manager=manager,
            credit_share=share,
            basis=CreditBasis.WHOLE,
            start_date=today,
            created_by=actor,
        )
        for plan in plans
        for manager, share in plan.new_shares
    ]
    if assignments:
        bulk_create_with_history(assignments, Assignment, **history)
    counts["created"] += len(new)
    counts["updated"] += len(changed)
    counts["assignments_created"] += len(assignments)


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    ordered = sorted(set(values))
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def load_facts(*, user, rows: list[CustomerRow], lock: bool = False) -> Facts:
    """A few queries for the whole file, whatever its length."""
    codes = {row.unit_code for row in rows if row.unit_code}
    employee_numbers = {share.employee_number for row in rows for share in row.managers}
    units = {unit.code: unit for unit in OrgUnit.objects.filter(code__in=codes)}
    managers = {
        manager.employee_number: manager
        for manager in AccountManager.objects.filter(employee_number__in=employee_numbers)
    }
    customers: dict[str, Customer] = {}
    customers_in_scope: set[int] = set()
    for numbers in _chunks(row.number for row in rows):
        found = Customer.objects.filter(number__in=numbers).order_by("pk")
        if lock:
            found = found.select_for_update()
        customers.update((customer.number, customer) for customer in found)
        customers_in_scope.update(
            Customer.objects.restrict(user).filter(number__in=numbers).values_list("pk", flat=True)
        )
    holdings: dict[int, list[Assignment]] = {}
    ids = [customer.pk for customer in customers.values()]
    for start in range(0, len(ids), CHUNK):
        current = Assignment.objects.filter(
            customer_id__in=ids[start : start + CHUNK], end_date__isnull=True
        ).select_related("manager")
        for assignment in current:
            holdings.setdefault(assignment.customer_id, []).append(assignment)
    return Facts(
        units=units,
        units_in_scope=set(
            OrgUnit.objects.restrict(user).filter(code__in=codes).values_list("pk", flat=True)
        ),
        managers=managers,
        managers_in_scope=set(
            AccountManager.objects.restrict(user)
            .filter(employee_number__in=employee_numbers)
            .values_list("pk", flat=True)
        ),
        customers=customers,
        customers_in_scope=customers_in_scope,
        holdings=holdings,
        minimums={source: minimum_share(source, CreditBasis.WHOLE) for source in CustomerSource},
    )


def plan_rows(
    parsed: ParsedFile, facts: Facts, *, today: date
) -> tuple[list[RowPlan], list[RowError], list[RowError]]:
    """Check every row against the database's facts (no queries): the plans of the rows
    that can be saved, the errors and the warnings."""
    plans, errors, warnings = [], [], []
    for row in parsed.rows:
        check = _RowCheck(row, parsed, facts, today)
        plan = check.plan()
        errors += check.errors
        warnings += check.warnings
        if plan is not None:
            plans.append(plan)
    return plans, errors, warnings


class _RowCheck:
    def __init__(self, row: CustomerRow, parsed: ParsedFile, facts: Facts, today: date):
        self.row, self.parsed, self.facts, self.today = row, parsed, facts, today
        self.errors: list[RowError] = []
        self.warnings: list[RowError] = []

    def error(self, key: str, message: str) -> None:
        error = RowError(self.row.row, self.parsed.header(key), message)
        if error not in self.errors:
            self.errors.append(error)

    def plan(self) -> RowPlan | None:
        row, facts = self.row, self.facts
        existing = facts.customers.get(row.number)
        if existing is not None and existing.pk not in facts.customers_in_scope:
            self.error("number", _("This customer number is registered outside your units."))
            return None
        unit = self._unit()
        managers = [(share, self._manager(share)) for share in row.managers]
        if self.errors or row.has_errors or unit is None:
            return None
        customer, changed = _apply(existing, row, unit)
        self._validate(customer, changed)
        held = facts.holdings.get(customer.pk, []) if existing is not None else []
        trainee_holds = any(a.manager.status == ManagerStatus.TRAINEE for a in held)
        if "is_credit" in changed and customer.is_credit and trainee_holds:
            self.error("is_credit", _("A trainee may not hold a credit customer (R-GRD-5)."))
        new_shares = self._shares(customer, existing, managers)
        if self.errors:
            return None
        return RowPlan(row, customer, existing is None, changed, new_shares)

    def _unit(self) -> OrgUnit | None:
        code = self.row.unit_code
        unit = self.facts.units.get(code) if code else None
        if code and unit is None:
            self.error("unit_code", _("No org unit has the code %(code)s.") % {"code": code})
        elif unit is not None and unit.pk not in self.facts.units_in_scope:
            self.error(
                "unit_code",
                _("Org unit %(code)s is outside your units: import only into your own units.")
                % {"code": code},
            )
            return None
        return unit

    def _manager(self, share: ManagerShare) -> AccountManager | None:
        number = share.employee_number
        manager = self.facts.managers.get(number)
        if manager is None:
            message = _("No account manager has the employee number %(number)s.")
        elif manager.pk not in self.facts.managers_in_scope:
            message = _("Account manager %(number)s is outside your units.")
        else:
            return manager
        self.error(share.manager_key, message % {"number": number})
        return None

    def _validate(self, customer: Customer, changed: list[str]) -> None:
        """The model's own field checks on what the file changes (no database)."""
        try:
            customer.clean_fields(
                exclude=[f.name for f in Customer._meta.fields if f.name not in changed] + ["unit"]
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.error(name if name in CUSTOMER_FIELDS else "number", message)
        if "opened_on" in changed and customer.opened_on > self.today:
            self.error("opened_on", _("The opening date is in the future."))

    def _shares(self, customer, existing, managers) -> list[tuple[AccountManager, Decimal]]:
        """R-CUS-4, R-GRD-5: the file's shares are added only to a customer nobody holds; a
        customer already held keeps its managers unless the file names the same ones."""
        if not managers:
            return []
        held = self.facts.holdings.get(customer.pk, []) if existing is not None else []
        if held:
            wanted = {(m.pk, s.share, CreditBasis.WHOLE) for s, m in managers}
            if wanted != {(a.manager_id, a.credit_share, a.basis) for a in held}:
                holders = "、".join(f"{a.manager}{a.credit_share:.0%}" for a in held)
                self.error(
                    managers[0][0].manager_key,
                    _("Already held by %(holders)s: use a transfer to change its managers.")
                    % {"holders": holders},
                )
            return []
        facts = customer_facts(customer)
        minimum = self.facts.minimums.get(customer.source, Decimal(0))
        added: list[share_rules.Share] = []
        for share, manager in managers:
            new = share_rules.Share(manager.pk, share.share)
            problems = share_rules.share_errors(
                added,
                new,
                minimum=minimum,
                manager_is_trainee=manager.status == ManagerStatus.TRAINEE,
                customer=facts,
            )
            for name, messages in problems.items():
                for message in messages:
                    if message not in {e.message for e in self.errors}:
                        key = share.manager_key if name == "manager" else share.share_key
                        self.error(key, message)
            if manager.status == ManagerStatus.EXITED:
                self.error(share.manager_key, _("This account manager has left the sequence."))
            warning = share_rules.corporate_warning(facts, manager.line)
            if warning:
                header = self.parsed.header(share.manager_key)
                self.warnings.append(RowError(self.row.row, header, warning))
            added.append(new)
        return [(manager, share.share) for share, manager in managers]


def _apply(existing: Customer | None, row: CustomerRow, unit: OrgUnit):
    """The customer as the file wants it, and the names of the fields that change."""
    if existing is None:
        customer = Customer(number=row.number, unit=unit, **row.values)
        return customer, [f.name for f in Customer._meta.fields if f.name != "id"]
    changed = []
    for name, value in row.values.items():
        if getattr(existing, name) != value:
            setattr(existing, name, value)
            changed.append(name)
    if existing.unit_id != unit.pk:
        existing.unit = unit
        changed.append("unit")
    return existing, changed
