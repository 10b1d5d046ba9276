"""Grade eligibility (R-ELG-1…5, R-GRD-6) tested at its boundaries against DOMAIN.md's
numbers, which are restated here rather than read from the defaults. No database."""

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from performance import figure_rules, rules
from performance.rule_defaults import DEFAULT_CRITERIA, DEFAULT_MINIMUM_LINE, GradeCriteria
from performance.rules import Criterion, CustomerPeriod, SuggestedAction

CENT = Decimal("0.01")
HUGE = Decimal(10) ** 12
YEARS = 10  # enough tenure for every grade


def wan(amount) -> Decimal:
    """万元 (or 万 USD) → units."""
    return Decimal(str(amount)) * 10_000


# DOMAIN.md R-ELG-2 and R-GRD-6, in 万: criteria needed, deposits (one customer), loans
# (one customer), settlement (万 USD), new deposits, customer floor, years in marketing.
TABLE = {
    "senior": (2, 25000, 10000, 35000, 15000, 3000, 5000, 500, 3),
    "L1": (2, 15000, 3000, 20000, 7500, 2000, 3000, 300, 3),
    "L2": (1, 7500, 2500, 18000, 5000, 1000, 2500, 100, 1),
    "L3": (1, 3800, None, 7200, None, 500, 1500, 50, 0),
    "L4": (1, 1500, None, 3600, None, 1000, 1500, 50, 0),
    "trainee": (1, None, None, None, None, None, 1000, 50, 0),
}
ORDER = list(TABLE)
GRADES = {grade.code: grade for grade in DEFAULT_CRITERIA}


def in_wan(value):
    return None if value is None else wan(value)


def customer(deposits=0, loans=0, settlement=0, last_year=0, *, size=None, **facts):
    """A customer in yuan (settlement USD); `size`, its whole deposits, defaults to the
    credited deposits (a customer wholly credited to the account manager)."""
    deposits = Decimal(deposits)
    return CustomerPeriod(
        customer_deposit_avg=deposits if size is None else Decimal(size),
        deposit_avg=deposits,
        loan_avg=Decimal(loans),
        settlement_usd=Decimal(settlement),
        last_year_deposit_avg=Decimal(last_year),
        **facts,
    )


def evaluate(customers, current="L4", years=YEARS, **kwargs):
    return rules.evaluate_manager(
        customers, current_grade_code=current, marketing_years=years, **kwargs
    )


def met(customers, code):
    grade = GRADES[code]
    return rules.criteria_met(rules.indicators(customers, grade.customer_floor), grade)


def test_defaults_are_domain_table():
    assert [grade.code for grade in DEFAULT_CRITERIA] == ORDER
    for code, (needed, dep, dep1, loan, loan1, usd, new, floor, years) in TABLE.items():
        grade = GRADES[code]
        assert grade.criteria_needed == needed
        assert grade.deposit_min == in_wan(dep)
        assert grade.deposit_single_customer_min == in_wan(dep1)
        assert grade.loan_min == in_wan(loan)
        assert grade.loan_single_customer_min == in_wan(loan1)
        assert grade.settlement_min_usd == in_wan(usd)
        assert grade.new_deposit_min == in_wan(new)
        assert grade.customer_floor == wan(floor)
        assert grade.min_marketing_years == years
    assert "deposits" in GRADES["L3"].notes and "deposits" in GRADES["L4"].notes
    assert "USD" in GRADES["L4"].notes
    assert DEFAULT_MINIMUM_LINE.customer_min == wan(50)
    assert DEFAULT_MINIMUM_LINE.deposit_min_for("trainee") == wan(1000)
    assert all(DEFAULT_MINIMUM_LINE.deposit_min_for(code) == wan(1500) for code in ORDER[:-1])


def test_criteria_needed_cannot_exceed_the_criteria_offered():
    with pytest.raises(ValueError):
        GradeCriteria(code="x", criteria_needed=2, customer_floor=0, new_deposit_min=wan(1))
    with pytest.raises(ValueError):
        GradeCriteria(code="x", criteria_needed=1, customer_floor=0, loan_single_customer_min=1)


def single_criterion_portfolio(code, criterion, amount):
    """Customers giving `amount` for one criterion of grade `code`, all above its floor."""
    big = HUGE
    if criterion == Criterion.DEPOSITS:
        return [customer(amount, last_year=amount)]
    if criterion == Criterion.LOANS:
        return [customer(0, loans=amount, size=big)]
    if criterion == Criterion.SETTLEMENT:
        return [customer(0, settlement=amount, size=big)]
    return [customer(amount + wan(1), last_year=wan(1))]


def thresholds():
    for code, (_, dep, _, loan, _, usd, new, _, _) in TABLE.items():
        for criterion, minimum in (
            (Criterion.DEPOSITS, dep),
            (Criterion.LOANS, loan),
            (Criterion.SETTLEMENT, usd),
            (Criterion.NEW_DEPOSITS, new),
        ):
            if minimum is not None:
                yield code, criterion, wan(minimum)


@pytest.mark.parametrize(("code", "criterion", "minimum"), list(thresholds()))
@pytest.mark.parametrize(("delta", "ok"), [(-CENT, False), (0, True), (CENT, True)])
def test_each_criterion_at_under_and_over_its_threshold(code, criterion, minimum, delta, ok):
    """R-ELG-2: “以上” includes the number; one cent short is not enough."""
    portfolio = single_criterion_portfolio(code, criterion, minimum + delta)
    assert (criterion in met(portfolio, code)) is ok


@pytest.mark.parametrize("code", ["senior", "L1", "L2"])
@pytest.mark.parametrize("criterion", [Criterion.DEPOSITS, Criterion.LOANS])
def test_single_customer_minimum(code, criterion):
    """R-ELG-1: “其中必须有单户…在…以上的客户”."""
    _, dep, dep1, loan, loan1, *_ = TABLE[code]
    deposits = criterion == Criterion.DEPOSITS
    total, single = (wan(dep), wan(dep1)) if deposits else (wan(loan), wan(loan1))
    field = "deposits" if deposits else "loans"

    def portfolio(largest):
        rest = total - largest
        pieces = [largest]
        while rest > 0:  # the rest in customers just under the single-customer size
            piece = min(rest, single - CENT)
            pieces.append(piece)
            rest -= piece
        return [customer(**{field: piece}, size=HUGE) for piece in pieces]

    assert criterion in met(portfolio(single), code)
    assert criterion not in met(portfolio(single - CENT), code)  # total met, nobody big enough


def test_l3_and_l4_have_no_single_customer_minimum():
    many_small = [customer(wan(100)) for _ in range(38)]
    assert Criterion.DEPOSITS in met(many_small, "L3")
    assert Criterion.DEPOSITS in met(many_small[:15], "L4")


def senior_figures(**overrides):
    """One customer meeting the senior deposits and loans criteria, nothing else."""
    facts = {"deposits": wan(25000), "loans": wan(35000), "last_year": wan(25000)}
    return [customer(**(facts | overrides))]


def test_two_of_four_for_senior_and_l1():
    assert evaluate(senior_figures()).eligible_grade_code == "senior"
    one = evaluate(senior_figures(loans=0))  # deposits only: one criterion
    assert one.grade("senior").criteria_met == (Criterion.DEPOSITS,)
    assert not one.grade("senior").eligible
    assert not one.grade("L1").eligible
    assert one.eligible_grade_code == "L2"


def test_one_of_four_for_l2():
    result = evaluate([customer(0, settlement=wan(1000), size=wan(100))])
    assert result.grade("L2").criteria_met == (Criterion.SETTLEMENT,)
    assert result.eligible_grade_code == "L2"


@pytest.mark.parametrize("code", ORDER)
@pytest.mark.parametrize(("below", "counted"), [(0, True), (CENT, False)])
def test_customer_floor_of_each_grade(code, below, counted):
    """R-ELG-2: a customer exactly at the grade's floor counts; one cent under does not.
    The floor looks at the customer's whole deposits; it is credited only in part here."""
    floor, minimum = wan(TABLE[code][7]), wan(TABLE[code][6])
    share = wan(10)
    main = customer(minimum - share, size=HUGE)
    small = customer(share, size=floor - below)
    figures = rules.indicators([main, small], GRADES[code].customer_floor)
    assert figures.customers_counted == (2 if counted else 1)
    assert (Criterion.NEW_DEPOSITS in met([main, small], code)) is counted


def test_floor_differs_per_grade():
    customers = [customer(wan(400))] * 10  # 400万 each: under senior's 500, over L1's 300
    result = evaluate(customers)
    assert result.grade("senior").indicators.customers_counted == 0
    assert result.grade("L1").indicators.deposits == wan(4000)


@pytest.mark.parametrize("flag", ["has_non_performing", "has_interest_arrears", "has_advances"])
def test_quality_gate_blocks_every_grade_whatever_the_figures(flag):
    """R-ELG-3."""
    huge = customer(HUGE, loans=HUGE, settlement=HUGE)
    tiny = customer(wan(1), **{flag: True})  # even under every floor
    result = evaluate([huge, tiny], current="senior")
    assert not result.quality.passed
    assert result.quality.problems
    assert all(grade.figures_met and not grade.eligible for grade in result.grades)
    assert result.eligible_grade_code is None
    assert result.action == SuggestedAction.DEMOTION_RISK
    assert evaluate([huge], current="senior").action == SuggestedAction.KEEP


@pytest.mark.parametrize(
    ("now", "before", "warns"),
    [("0.90", "0.95", True), ("0.90", "0.90", True), ("1", "1", False), ("0.95", "0.90", False)],
)
def test_normal_loan_share_not_rising_only_warns(now, before, warns):
    """R-ELG-3: “正常类贷款占比要进一步提高” is a warning, not a block."""
    shares = {"normal_loan_share_now": Decimal(now), "normal_loan_share_before": Decimal(before)}
    result = evaluate([*senior_figures(), customer(wan(60), **shares)], current="senior")
    assert result.quality.passed
    assert result.eligible_grade_code == "senior"
    assert bool(result.quality.warnings) is warns
    assert result.quality.normal_share_not_rising == int(warns)


def test_trainee_needs_new_deposits_only():
    at = [customer(wan(1200), last_year=wan(200))]
    short = [customer(wan(1200) - CENT, last_year=wan(200))]
    no_growth = [customer(wan(1200), last_year=wan(1200))]
    assert evaluate(at, current="trainee").eligible_grade_code == "trainee"
    assert evaluate(short, current="trainee").eligible_grade_code is None
    assert evaluate(short, current="trainee").action == SuggestedAction.DEMOTION_RISK
    assert evaluate(no_growth, current="trainee").eligible_grade_code is None
    assert evaluate(at, current="trainee").action == SuggestedAction.KEEP
    l4 = [customer(wan(1500), last_year=wan(1500), loans=wan(3600))]
    assert evaluate(l4, current="trainee").action == SuggestedAction.PROMOTION_CANDIDATE


@pytest.mark.parametrize(
    ("years", "eligible"),
    [("3", "senior"), ("2.99", "L2"), (Decimal("1"), "L2"), (Decimal("0.99"), "L3"), (0, "L3")],
)
def test_tenure_r_grd_6(years, eligible):
    result = evaluate(senior_figures(), current="L3", years=years)
    assert result.eligible_grade_code == eligible
    assert result.grade("senior").figures_met


def test_tenure_gap_is_reported():
    result = evaluate(senior_figures(), current="L2", years="2.5")
    assert result.gap.grade_code == "L1"
    assert result.gap.marketing_years_short == Decimal("0.5")
    assert any("R-GRD-6" in message for message in result.messages)


def test_split_shares_credit_each_manager_their_part():
    """R-CUS-4: a 60/40 split credits 60% and 40%; the floor sees the whole customer."""
    whole = figure_rules.CustomerFigures(wan(1000), wan(500), wan(10), wan(800))
    ours = CustomerPeriod.credited(whole, Decimal("0.6"))
    theirs = CustomerPeriod.credited(whole, Decimal("0.4"))
    assert (ours.deposit_avg, ours.loan_avg, ours.settlement_usd) == (wan(600), wan(300), wan(6))
    assert ours.last_year_deposit_avg == wan(480)
    assert ours.customer_deposit_avg == theirs.customer_deposit_avg == wan(1000)
    assert ours.deposit_avg + theirs.deposit_avg == whole.deposit_avg
    # L1 asks one customer of 3,000万: half of a 6,000万 customer is, 49% is not.
    big, others = figure_rules.CustomerFigures(wan(6000)), [customer(wan(2900))] * 5
    assert Criterion.DEPOSITS in met([CustomerPeriod.credited(big, Decimal("0.5")), *others], "L1")
    assert Criterion.DEPOSITS not in met(
        [CustomerPeriod.credited(big, Decimal("0.49")), *others], "L1"
    )


@pytest.mark.parametrize(
    ("current", "deposits", "ok"),
    [
        ("L4", wan(1500), True),
        ("L4", wan(1500) - CENT, False),
        ("senior", wan(1500), True),
        ("trainee", wan(1000), True),
        ("trainee", wan(1000) - CENT, False),
    ],
)
def test_minimum_line_r_elg_4(current, deposits, ok):
    result = evaluate([customer(deposits)], current=current)
    assert result.minimum_line.passed is ok
    assert result.minimum_line.deposits_counted == deposits
    assert (result.action == SuggestedAction.BELOW_MINIMUM_LINE) is not ok


def test_minimum_line_counts_customers_of_50_wan_and_more():
    """R-ELG-4: “单户日均余额50万元(含)以上”, on the customer's whole deposits."""
    at = customer(wan(20), size=wan(50))  # 40% of a 50万 customer: counted
    under = customer(wan(50) - CENT)
    line = rules.minimum_line_result([at, under], "L4", DEFAULT_MINIMUM_LINE)
    assert (line.deposits_counted, line.customers_counted) == (wan(20), 1)
    many_small = [customer(wan(49))] * 100  # 4,900万 in customers under 50万
    assert not evaluate(many_small).minimum_line.passed


def test_action_precedence():
    """R-ELG-5: below the line > demotion risk > promotion candidate > keep."""
    settlement_only = [customer(0, settlement=wan(1000), size=wan(100))]  # L2 by settlement
    assert evaluate(settlement_only, current="L4").action == SuggestedAction.BELOW_MINIMUM_LINE
    line = customer(wan(1500), last_year=wan(1500))  # passes the line; L4 by deposits
    assert evaluate([line], current="L3").action == SuggestedAction.DEMOTION_RISK
    assert evaluate([*settlement_only, line], current="L3").action == (
        SuggestedAction.PROMOTION_CANDIDATE
    )
    assert evaluate([*settlement_only, line], current="L2").action == SuggestedAction.KEEP
    bad = customer(wan(1500), last_year=wan(1500), has_advances=True)
    assert evaluate([*settlement_only, bad], current="L2").action == SuggestedAction.DEMOTION_RISK


def test_gap_to_the_next_grade():
    """R-ELG-5: per indicator, on the next grade's own floor; 0 when met."""
    customers = [
        customer(wan(2000), loans=wan(1000), settlement=wan(200), last_year=wan(1000)),
        customer(wan(1000), settlement=wan(300), last_year=wan(1000)),
        customer(wan(80)),  # under L2's floor of 100万: not counted for L2
    ]
    gap = evaluate(customers, current="L3").gap
    assert gap.grade_code == "L2"
    assert gap.deposits == wan(7500 - 3000)
    assert gap.deposit_single_customer == wan(2500 - 2000)
    assert gap.loans == wan(18000 - 1000)
    assert gap.loan_single_customer == wan(5000 - 1000)
    assert gap.settlement_usd == wan(1000 - 500)
    assert gap.new_deposits == wan(2500 - 1000)
    assert gap.criteria_short == 1
    assert evaluate(customers, current="senior").gap is None
    assert evaluate(customers, current="trainee").gap.grade_code == "L4"
    assert evaluate(customers, current="trainee").gap.deposits == 0


def test_unknown_current_grade():
    with pytest.raises(ValueError):
        evaluate([], current="L9")


def test_evaluation_keeps_its_inputs():
    """R-ELG-5: reproducible — the evaluation carries the rule set and figures it used."""
    stricter = tuple(replace(grade, criteria_needed=1) for grade in DEFAULT_CRITERIA)
    customers = senior_figures(loans=0)
    result = evaluate(customers, current="L1", criteria=stricter, years="3.5")
    assert result.eligible_grade_code == "senior"
    assert result.criteria == stricter
    assert result.customers == tuple(customers)
    assert result.marketing_years == Decimal("3.5")
    assert result.minimum_line_rule == DEFAULT_MINIMUM_LINE


# --- Properties -----------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=wan(50000), places=2, allow_nan=False)
customers_strategy = st.lists(
    st.builds(
        customer,
        deposits=money,
        loans=money,
        settlement=money,
        last_year=money,
        size=money,
    ),
    min_size=1,
    max_size=5,
)


def rank(code):
    return len(ORDER) if code is None else ORDER.index(code)


@given(
    customers_strategy,
    st.data(),
    st.sampled_from(["deposit_avg", "loan_avg", "settlement_usd"]),
    st.decimals(min_value=CENT, max_value=wan(50000), places=2),
)
def test_raising_a_figure_never_lowers_the_eligible_grade(customers, data, field, raise_by):
    index = data.draw(st.integers(min_value=0, max_value=len(customers) - 1))
    raised = list(customers)
    raised[index] = replace(raised[index], **{field: getattr(raised[index], field) + raise_by})
    before, after = evaluate(customers, years=3), evaluate(raised, years=3)
    assert rank(after.eligible_grade_code) <= rank(before.eligible_grade_code)
    assert after.minimum_line.passed or not before.minimum_line.passed
