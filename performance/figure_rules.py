"""Rules on figures before the evaluation, as pure functions: no database.

- Periods (R-ELG-1): a customer's monthly figures → the period's daily averages
  (day-weighted) and volumes, annualised from the quarters to date.
- Credit (R-CUS-4): a customer's figures → the part credited to one account manager by
  share and basis.
- Tiers: customers by standard deposits (R-CUS-5), small-enterprise account managers by
  credit customers held (R-ELG-6).

The evaluation itself (R-ELG-2…5) is in `performance.rules`.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .rule_defaults import (
    DEFAULT_CUSTOMER_TIERS,
    DEFAULT_SMALL_ENTERPRISE_TIERS,
    ZERO,
    CustomerTierThresholds,
    SmallEnterpriseTierBounds,
)

CENT = Decimal("0.01")
ONE = Decimal("1")

# The values of customers.choices.CreditBasis (R-CUS-4); its members are equal to them.
WHOLE, INCREASE, BASELINE = "whole", "increase", "baseline"


# --- Periods (R-ELG-1) ---------------------------------------------------------------


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _by_month(monthly: Iterable[tuple[int, int, Decimal]]) -> dict[tuple[int, int], Decimal]:
    months: dict[tuple[int, int], Decimal] = {}
    for year, month, amount in monthly:
        if (year, month) in months:
            raise ValueError(f"{year}-{month:02d} is given twice")
        months[(year, month)] = amount
    return months


def _days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def period_daily_average(monthly: Iterable[tuple[int, int, Decimal]]) -> Decimal:
    """The daily average over the months given, as (year, month, that month's daily
    average): the mean weighted by the months' days (28–31), rounded to the cent.
    No months → 0."""
    months = _by_month(monthly)
    days = sum(_days(year, month) for year, month in months)
    if not days:
        return ZERO
    total = sum((_days(y, m) * amount for (y, m), amount in months.items()), ZERO)
    return _cents(total / days)


def _quarter_months(year: int, quarter: int) -> list[tuple[int, int]]:
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1–4, not {quarter}")
    return [(year, month) for month in range(1, 3 * quarter + 1)]


def year_to_date_average(
    monthly: Iterable[tuple[int, int, Decimal]], *, year: int, quarter: int
) -> Decimal:
    """R-ELG-1, annualised: the daily average from 1 January to the end of `quarter`
    (Q1 → Jan–Mar, Q3 → Jan–Sep). A month without a figure counts as zero (the balance did
    not exist yet), so a customer that arrived in March weighs a third in Q1. Months
    outside the year or after the quarter are ignored."""
    months = _by_month(monthly)
    return period_daily_average(
        (y, m, months.get((y, m), ZERO)) for y, m in _quarter_months(year, quarter)
    )


def annualised_volume(
    monthly: Iterable[tuple[int, int, Decimal]], *, year: int, quarter: int
) -> Decimal:
    """R-ELG-1 (c): a yearly volume (international settlement) annualised from the quarters
    to date: the year-to-date sum × 4 / quarter (Q4 → the year's sum). Reading: the source
    compares a year's volume ("年国际结算额") with the threshold; a quarterly forecast
    scales by quarters, not days."""
    months = _by_month(monthly)
    total = sum((months.get(key, ZERO) for key in _quarter_months(year, quarter)), ZERO)
    return _cents(total * 4 / quarter)


# --- Credit (R-CUS-4) ----------------------------------------------------------------


@dataclass(frozen=True)
class CustomerFigures:
    """A customer's figures for the period (yuan; settlement in USD)."""

    deposit_avg: Decimal = ZERO
    loan_avg: Decimal = ZERO
    settlement_usd: Decimal = ZERO
    last_year_deposit_avg: Decimal = ZERO


def _credited(amount: Decimal, share: Decimal, basis: str, baseline: Decimal) -> Decimal:
    if basis == WHOLE:
        return share * amount
    if basis == INCREASE:
        return share * max(amount - baseline, ZERO)
    return share * min(amount, baseline)


def credit(
    figures: CustomerFigures,
    share: Decimal,
    basis: str = WHOLE,
    baseline: Decimal = ZERO,
    *,
    loan_baseline: Decimal = ZERO,
    settlement_baseline: Decimal = ZERO,
) -> CustomerFigures:
    """The part of a customer's figures credited to one account manager (R-CUS-4).

    - "whole": share × each figure.
    - "increase" (the new holder after a transfer): share × the part above the baseline,
      never negative. `baseline` is the deposit baseline (the customer's daily average of
      the previous half year or the current year); the source names no baseline for loans
      and settlement ("增量非存款业务认领比例不应低于80"), so theirs default to 0: all of it
      is increase.
    - "baseline" (the former holder, “存量业务仍归原管户人所有”): share × the part up to the
      baseline; with the default loan and settlement baselines of 0, deposits only.

    Last year's deposits go through the same basis, so that new deposits (R-ELG-1 d)
    compare like with like. Not rounded: sums are rounded where they are shown.
    """
    if not ZERO <= share <= ONE:
        raise ValueError(f"share must be between 0 and 1, not {share}")
    if basis not in (WHOLE, INCREASE, BASELINE):
        raise ValueError(f"unknown credit basis {basis!r}")
    if min(baseline, loan_baseline, settlement_baseline) < ZERO:
        raise ValueError("a baseline cannot be negative")
    return CustomerFigures(
        deposit_avg=_credited(figures.deposit_avg, share, basis, baseline),
        loan_avg=_credited(figures.loan_avg, share, basis, loan_baseline),
        settlement_usd=_credited(figures.settlement_usd, share, basis, settlement_baseline),
        last_year_deposit_avg=_credited(figures.last_year_deposit_avg, share, basis, baseline),
    )


# --- Tiers (R-ELG-6, R-CUS-5) -------------------------------------------------------


def small_enterprise_tier(
    credit_customer_count: int, bounds: SmallEnterpriseTierBounds = DEFAULT_SMALL_ENTERPRISE_TIERS
) -> str:
    """R-ELG-6: a small-enterprise account manager's tier by the number of credit customers
    held: A > 40, B 31–40, C 21–30, D 11–20, E ≤ 10."""
    if credit_customer_count < 0:
        raise ValueError("a count cannot be negative")
    for tier, most in (("E", bounds.e_max), ("D", bounds.d_max), ("C", bounds.c_max)):
        if credit_customer_count <= most:
            return tier
    return "B" if credit_customer_count <= bounds.b_max else "A"


def customer_tier(
    standard_deposits: Decimal,
    *,
    relationship_months: int,
    has_bad_credit_or_litigation: bool,
    thresholds: CustomerTierThresholds = DEFAULT_CUSTOMER_TIERS,
) -> str | None:
    """R-CUS-5: a corporate customer's tier (the values of customers.choices.CustomerTier)
    by standard deposits, lower bounds inclusive (“5000万元≤标准存款<20000万元”): diamond
    ≥ 2亿, platinum ≥ 5,000万, gold ≥ 500万, silver ≥ `silver_min` (ours: the source gives
    no bound; default 50万, the corporate manageable size of R-ELG-6), bronze below. Bad
    credit or litigation in the period → bronze whatever the size. None (not assessed)
    before `min_relationship_months` (6: “满半年以上”) of relationship."""
    if relationship_months < thresholds.min_relationship_months:
        return None
    if has_bad_credit_or_litigation:
        return "bronze"
    for tier, minimum in (
        ("diamond", thresholds.diamond_min),
        ("platinum", thresholds.platinum_min),
        ("gold", thresholds.gold_min),
        ("silver", thresholds.silver_min),
    ):
        if standard_deposits >= minimum:
            return tier
    return "bronze"
