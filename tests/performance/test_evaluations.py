"""The evaluation on the database (R-ELG-1…5, R-CUS-4, R-CUS-5, R-ELG-6, R-JNL-2), against
DOMAIN §3's numbers: the right manager gets the right eligible grade and action."""

from datetime import date
from decimal import Decimal

import pytest

from customers.models import Customer
from managers.choices import ManagerLine
from performance.evaluation_details import rebuilt
from performance.models import EvaluationResult, EvaluationStatus, MonthlyTarget
from performance.rule_defaults import wan
from tests.factories import AccountManagerFactory, CustomerFactory, appoint
from tests.performance.helpers import evaluate, held, monthly, result_of

JAN_SEP = range(1, 10)


@pytest.fixture
def graded(bank, levels):
    """An L4 account manager of sub-branch A, in marketing since 2018."""

    def make(code="L4", **fields):
        manager = AccountManagerFactory(unit=bank.sub_a, **fields)
        appoint(
            manager, levels[code], start=date(2025, 1, 1), proposer=bank.head_a, approver=bank.hr
        )
        return manager

    return make


def customer_with(bank, deposit_wan, months=JAN_SEP, year=2026, last_year_wan=None, **values):
    """A customer of sub-branch A with these figures; last year the same deposits every
    month unless said otherwise, so that new deposits (R-ELG-1 d) stay out of the way."""
    customer = CustomerFactory(unit=bank.sub_a)
    monthly(customer, year, months, deposit_wan=deposit_wan, **values)
    last_year = deposit_wan if last_year_wan is None else last_year_wan
    monthly(customer, year - 1, range(1, 13), deposit_wan=last_year)
    return customer


def test_deposits_exactly_at_the_l3_threshold_make_an_l4_a_promotion_candidate(bank, graded):
    """R-ELG-2: L3 asks 3,800万 of deposits, inclusive."""
    at, under = graded(), graded()
    held(customer_with(bank, 3800), at, bank.hr)
    held(customer_with(bank, Decimal("3799.99")), under, bank.hr)

    evaluation = evaluate(2026, 3)

    assert evaluation.status == EvaluationStatus.DONE and evaluation.progress == 100
    promoted = result_of(evaluation, at)
    assert (promoted.eligible_grade_code, promoted.action) == ("L3", "promotion_candidate")
    assert promoted.deposits == wan(3800) and promoted.minimum_line_passed
    kept = result_of(evaluation, under)
    assert (kept.eligible_grade_code, kept.action) == ("L4", "keep")


def test_year_to_date_averages_weigh_the_months_by_days(bank, graded):
    """R-ELG-1: Q1 is January–March; a customer with 3,800万 in March only weighs 31/90."""
    manager = graded()
    held(customer_with(bank, 3800, months=[3], last_year_wan=0), manager, bank.hr)

    result = result_of(evaluate(2026, 1), manager)

    assert result.deposits == (wan(3800) * 31 / 90).quantize(Decimal("0.01"))


def test_a_customer_below_a_grade_floor_does_not_count_one_at_it_does(bank, graded):
    """R-ELG-2: customers under 50万 are excluded from L3's indicators; exactly 50万 counts."""
    manager = graded()
    held(customer_with(bank, 3750), manager, bank.hr)
    held(customer_with(bank, Decimal("49.99")), manager, bank.hr)
    evaluation = evaluate(2026, 3)
    assert result_of(evaluation, manager).eligible_grade_code == "L4"

    held(customer_with(bank, 50), manager, bank.hr)
    evaluation = evaluate(2026, 3)
    result = result_of(evaluation, manager)
    assert result.eligible_grade_code == "L3"
    l3 = rebuilt(result.details, evaluation.rules_used, "L4").grade("L3")
    assert l3.indicators.customers_counted == 2
    assert l3.indicators.deposits == wan(3800)


def test_a_split_customer_is_credited_by_share(bank, graded):
    """R-CUS-4: 7,600万 shared 50/50 gives each manager 3,800万."""
    first, second = graded(), graded()
    shared = customer_with(bank, 7600)
    held(shared, first, bank.hr, share="0.5")
    held(shared, second, bank.hr, share="0.5")

    evaluation = evaluate(2026, 3)

    for manager in (first, second):
        result = result_of(evaluation, manager)
        assert result.deposits == wan(3800) and result.eligible_grade_code == "L3"


def test_a_transferred_customer_credits_only_the_increase_over_the_baseline(bank, graded):
    """R-CUS-4: the new holder gets the increase over the baseline, the former the rest."""
    new, former = graded(), graded()
    customer = customer_with(bank, 4800)
    held(customer, new, bank.hr, basis="increase", baseline=wan(1000))
    held(customer, former, bank.hr, basis="baseline", baseline=wan(1000))

    evaluation = evaluate(2026, 3)

    assert result_of(evaluation, new).deposits == wan(3800)
    assert result_of(evaluation, former).deposits == wan(1000)


def test_the_quality_gate_blocks_every_grade(bank, graded):
    """R-ELG-3: one month of a substandard loan in the year: no grade, demotion risk."""
    manager = graded()
    held(customer_with(bank, 3800), manager, bank.hr)
    held(customer_with(bank, 60, months=[2], loan_class=3), manager, bank.hr)

    result = result_of(evaluate(2026, 3), manager)

    assert not result.quality_passed
    assert (result.eligible_grade_code, result.action) == ("", "demotion_risk")


def test_below_the_minimum_line_comes_first(bank, graded):
    """R-ELG-4: an L4 needs 1,500万 of credited deposits from customers ≥ 50万."""
    manager = graded()
    held(customer_with(bank, 1400), manager, bank.hr)
    held(customer_with(bank, 45), manager, bank.hr)  # under 50万: not counted

    result = result_of(evaluate(2026, 3), manager)

    assert not result.minimum_line_passed
    assert result.action == "below_minimum_line"
    line = result.details["minimum_line"]
    assert (Decimal(line["deposits"]), line["customers"]) == (wan(1400), 1)


def test_new_deposits_compare_with_last_years_average(bank, graded, levels):
    """R-ELG-1 (d): this year's credited average minus last year's; a trainee needs 1,000万."""
    trainee = graded("trainee")
    held(customer_with(bank, 1200, last_year_wan=100), trainee, bank.hr)

    result = result_of(evaluate(2026, 3), trainee)

    assert result.new_deposits == wan(1100)
    assert result.eligible_grade_code == "trainee" and result.action == "keep"


def test_plan_completion_small_enterprise_tier_and_customer_tiers(bank, graded):
    """R-JNL-2 (the quarter's average against the months' targets), R-ELG-6, R-CUS-5."""
    manager = graded(line=ManagerLine.SMALL_ENTERPRISE)
    for month in (7, 8, 9):
        MonthlyTarget.objects.create(manager=manager, year=2026, month=month, deposit_avg=wan(4000))
    big = customer_with(bank, 3000)
    big.opened_on = date(2019, 1, 1)
    big.is_credit = True
    big.save()
    held(big, manager, bank.hr)
    young = CustomerFactory(unit=bank.sub_a, opened_on=date(2026, 6, 1), is_credit=True)
    monthly(young, 2026, JAN_SEP, deposit_wan=6000)
    held(young, manager, bank.hr)

    result = result_of(evaluate(2026, 3), manager)

    assert result.deposit_target == wan(4000)
    assert result.plan_completion == Decimal("2.2500")  # 9,000万 of 4,000万
    assert (result.credit_customers_count, result.small_enterprise_tier) == (2, "E")
    assert Customer.objects.get(pk=big.pk).tier == "gold"  # 3,000万: 500万–5,000万
    assert Customer.objects.get(pk=young.pk).tier == ""  # under six months: not assessed


def test_running_again_replaces_the_results(bank, graded):
    manager = graded()
    customer = customer_with(bank, 1600)
    held(customer, manager, bank.hr)
    first = evaluate(2026, 3)
    monthly(customer, 2026, [10], deposit_wan=0)  # another month changes nothing for Q3
    again = evaluate(2026, 3)
    assert again.pk == first.pk
    assert EvaluationResult.objects.filter(evaluation=again, manager=manager).count() == 1


def test_a_run_stopped_midway_keeps_the_previous_complete_results(bank, graded):
    manager, other = graded(), graded()
    held(customer_with(bank, 3800), manager, bank.hr)
    complete = evaluate(2026, 3)
    before = set(complete.results.values_list("manager_id", "eligible_grade_code"))

    held(customer_with(bank, 3800), other, bank.hr)

    def worker_killed():
        raise SystemExit("worker lost")

    with pytest.raises(SystemExit):
        evaluate(2026, 3, after_ruling=worker_killed)
    assert set(complete.results.values_list("manager_id", "eligible_grade_code")) == before

    rerun = evaluate(2026, 3)
    assert rerun.status == EvaluationStatus.DONE
    assert (other.pk, "") in before
    assert result_of(rerun, other).eligible_grade_code == "L3"
    assert rerun.results.count() == len(before)


def test_the_evaluation_records_the_rule_set_and_its_version(bank, graded):
    from performance.models import RuleSet

    rule_set = RuleSet.objects.get(year=2026, is_active=True)
    rule_set.notes = "HR 2026 edit"
    rule_set.save()
    graded()
    evaluation = evaluate(2026, 3)
    assert evaluation.rule_set == rule_set
    assert evaluation.rule_set_version == rule_set.history.latest().history_id
    assert evaluation.rules_used["criteria"][0]["code"] == "senior"
    assert evaluation.rules_used["minimum_line"]["deposit_min"] == "15000000.00"
