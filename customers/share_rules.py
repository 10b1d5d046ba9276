"""Credit-share rules as pure functions (R-CUS-4, R-GRD-5, R-ELG-6): values in, messages
out, no database."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from .choices import CreditBasis, CustomerKind

ONE = Decimal("1")
CORPORATE_DEPOSIT_FLOOR = Decimal("500000")  # R-ELG-6: 50万元
SHARED_BASES = frozenset({CreditBasis.WHOLE, CreditBasis.INCREASE})


@dataclass(frozen=True)
class Share:
    manager_id: int
    share: Decimal
    basis: str = CreditBasis.WHOLE


@dataclass(frozen=True)
class CustomerFacts:
    kind: str
    is_credit: bool
    deposit_daily_avg: Decimal
    loan_balance: Decimal


def total_share(shares: list[Share]) -> Decimal:
    """The shares that divide the customer's business (baseline shares stand apart)."""
    return sum((s.share for s in shares if s.basis in SHARED_BASES), Decimal("0"))


def share_errors(
    existing: list[Share],
    new: Share,
    *,
    minimum: Decimal,
    manager_is_trainee: bool,
    customer: CustomerFacts,
) -> dict[str, list[str]]:
    """Why `new` cannot be added to the customer's `existing` assignments ({} if it can)."""
    errors: dict[str, list[str]] = {}
    if any(s.manager_id == new.manager_id and s.basis == new.basis for s in existing):
        errors.setdefault("manager", []).append(
            _("This account manager already holds this customer.")
        )
    if manager_is_trainee and customer.is_credit:
        errors.setdefault("manager", []).append(
            _("A trainee may not hold a credit customer (R-GRD-5).")
        )
    shares = [*existing, new]
    total = total_share(shares)
    if total > ONE:
        errors.setdefault("credit_share", []).append(
            _("Shares on this customer would total %(total)s, over 100%% (R-CUS-4).")
            % {"total": f"{total:.2%}"}
        )
    main = max((s.share for s in shares if s.basis in SHARED_BASES), default=Decimal("0"))
    if new.basis in SHARED_BASES and main < minimum:
        errors.setdefault("credit_share", []).append(
            _(
                "The main account manager's share must be at least %(minimum)s for this "
                "source (R-CUS-4)."
            )
            % {"minimum": f"{minimum:.0%}"}
        )
    return errors


def corporate_warning(customer: CustomerFacts, manager_line: str) -> str | None:
    """R-ELG-6: corporate AMs manage customers with loans or ≥ 50万 daily-average deposits."""
    if manager_line != "corporate" or customer.kind != CustomerKind.CORPORATE:
        return None
    if customer.loan_balance > 0 or customer.deposit_daily_avg >= CORPORATE_DEPOSIT_FLOOR:
        return None
    return _(
        "This customer has no loans and less than 500,000 yuan of daily-average deposits: "
        "corporate account managers normally do not hold such customers (R-ELG-6)."
    )
