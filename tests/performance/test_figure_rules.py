"""Periods (R-ELG-1), credit by share and basis (R-CUS-4) and tiers (R-CUS-5, R-ELG-6),
tested against DOMAIN.md's numbers. No database."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from performance import figure_rules

CENT = Decimal("0.01")
HUGE = Decimal(10) ** 12


def wan(amount) -> Decimal:
    """万元 (or 万 USD) → units."""
    return Decimal(str(amount)) * 10_000


money = st.decimals(min_value=0, max_value=wan(50000), places=2, allow_nan=False)


# --- Credit (R-CUS-4) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("deposits", "increase", "kept"),
    [
        (wan(1500), wan(300), wan(1000)),  # 500万 above the 1,000万 baseline, 60% of it
        (wan(1000), 0, wan(1000)),  # exactly the baseline
        (wan(800), 0, wan(800)),  # below the baseline: nothing to the new holder
    ],
)
def test_transfer_increase_and_baseline(deposits, increase, kept):
    """R-CUS-4: after a transfer the new holder is credited ≥ 60% of the increase over the
    baseline, the former holder keeps the existing business up to it."""
    figures = figure_rules.CustomerFigures(deposits, wan(200), wan(50), wan(1000))
    new = figure_rules.credit(figures, Decimal("0.6"), "increase", wan(1000))
    old = figure_rules.credit(figures, Decimal(1), "baseline", wan(1000))
    assert new.deposit_avg == increase
    assert new.last_year_deposit_avg == 0  # last year was all baseline
    assert (new.loan_avg, new.settlement_usd) == (wan(120), wan(30))  # non-deposit: all new
    assert old.deposit_avg == kept
    assert (old.loan_avg, old.settlement_usd) == (0, 0)  # the baseline is deposits only
    with_loan_baseline = figure_rules.credit(
        figures, Decimal("0.8"), "increase", wan(1000), loan_baseline=wan(150)
    )
    assert with_loan_baseline.loan_avg == wan(40)


@pytest.mark.parametrize(
    ("share", "basis"), [(Decimal("1.01"), "whole"), (Decimal("-0.1"), "whole"), (1, "half")]
)
def test_credit_rejects_nonsense(share, basis):
    with pytest.raises(ValueError):
        figure_rules.credit(figure_rules.CustomerFigures(wan(1)), share, basis)


# --- Periods (R-ELG-1) ----------------------------------------------------------------


def test_day_weighted_average_with_real_month_lengths():
    leap = [(2024, 1, Decimal(100)), (2024, 2, Decimal(200))]  # 31 + 29 days
    common = [(2023, 1, Decimal(100)), (2023, 2, Decimal(200))]  # 31 + 28 days
    assert figure_rules.period_daily_average(leap) == Decimal("148.33")  # 8,900 / 60
    assert figure_rules.period_daily_average(common) == Decimal("147.46")  # 8,700 / 59
    assert figure_rules.period_daily_average([]) == 0
    with pytest.raises(ValueError):
        figure_rules.period_daily_average([*leap, (2024, 1, Decimal(1))])


def test_year_to_date_average():
    """R-ELG-1: Q1 → Jan–Mar, Q3 → Jan–Sep; a month with no figure weighs as zero."""
    months = [(2024, month, Decimal(month * 100)) for month in range(1, 13)]
    q1 = (31 * 100 + 29 * 200 + 31 * 300) / Decimal(91)
    assert figure_rules.year_to_date_average(months, year=2024, quarter=1) == q1.quantize(CENT)
    days = [31, 29, 31, 30, 31, 30, 31, 31, 30]
    q3 = sum(d * (m + 1) * 100 for m, d in enumerate(days)) / Decimal(sum(days))
    assert figure_rules.year_to_date_average(months, year=2024, quarter=3) == q3.quantize(CENT)
    march_only = [(2025, 3, Decimal(900)), (2024, 12, Decimal(10**6))]
    assert figure_rules.year_to_date_average(march_only, year=2025, quarter=1) == Decimal("310.00")
    with pytest.raises(ValueError):
        figure_rules.year_to_date_average(months, year=2024, quarter=5)


def test_annualised_volume():
    months = [(2024, month, wan(100)) for month in range(1, 13)]
    assert figure_rules.annualised_volume(months, year=2024, quarter=1) == wan(1200)
    assert figure_rules.annualised_volume(months[:3], year=2024, quarter=3) == wan(400)
    assert figure_rules.annualised_volume(months, year=2024, quarter=4) == wan(1200)


# --- Tiers (R-ELG-6, R-CUS-5) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "tier"),
    [
        (0, "E"),
        (10, "E"),
        (11, "D"),
        (20, "D"),
        (21, "C"),
        (30, "C"),
        (31, "B"),
        (40, "B"),
        (41, "A"),
        (500, "A"),
    ],
)
def test_small_enterprise_tier(count, tier):
    assert figure_rules.small_enterprise_tier(count) == tier


@pytest.mark.parametrize(
    ("standard_deposits", "tier"),
    [
        (wan(20000), "diamond"),
        (wan(20000) - CENT, "platinum"),
        (wan(5000), "platinum"),
        (wan(5000) - CENT, "gold"),
        (wan(500), "gold"),
        (wan(500) - CENT, "silver"),
        (wan(50), "silver"),
        (wan(50) - CENT, "bronze"),
        (0, "bronze"),
    ],
)
def test_customer_tier_r_cus_5(standard_deposits, tier):
    assert (
        figure_rules.customer_tier(
            standard_deposits, relationship_months=6, has_bad_credit_or_litigation=False
        )
        == tier
    )


def test_customer_tier_bad_credit_and_young_relationship():
    assert (
        figure_rules.customer_tier(HUGE, relationship_months=12, has_bad_credit_or_litigation=True)
        == "bronze"
    )
    assert (
        figure_rules.customer_tier(HUGE, relationship_months=5, has_bad_credit_or_litigation=False)
        is None
    )


# --- Properties -----------------------------------------------------------------------


figures_strategy = st.builds(figure_rules.CustomerFigures, money, money, money, money)


@given(figures_strategy)
def test_crediting_everything_is_the_identity(figures):
    assert figure_rules.credit(figures, Decimal(1), "whole") == figures


@given(figures_strategy, money, st.decimals(min_value=0, max_value=1, places=4))
def test_increase_and_baseline_parts_add_up_to_the_deposits(figures, baseline, share):
    new = figure_rules.credit(figures, share, "increase", baseline)
    old = figure_rules.credit(figures, share, "baseline", baseline)
    assert new.deposit_avg + old.deposit_avg == share * figures.deposit_avg


@given(st.lists(st.tuples(st.integers(2000, 2040), st.integers(1, 12), money), min_size=1))
def test_period_average_lies_between_the_months(months):
    unique = list({(y, m): (y, m, a) for y, m, a in months}.values())
    average = figure_rules.period_daily_average(unique)
    amounts = [amount for *_, amount in unique]
    assert min(amounts) - CENT <= average <= max(amounts) + CENT
