"""Property (R-ELG-1…5, R-CUS-4): on random small banks, the set-based engine (roll-ups,
one SQL statement, `rules.judge`) gives exactly what the plain reference computation gives
(every customer's months through `figure_rules` and `rules.evaluate_manager`)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from performance.evaluation_details import rebuilt
from performance.models import MonthlyFigure
from performance.rule_defaults import wan
from tests.factories import AccountManagerFactory, CustomerFactory, appoint
from tests.performance.helpers import evaluate, figure, held
from tests.performance.reference import reference_evaluation

# Amounts around the thresholds and floors of DOMAIN §3 (万), and anything in between.
AROUND_THRESHOLDS = [0, 49.99, 50, 100, 300, 500, 1000, 1500, 2500, 3000, 3800, 7500, 15000]
amounts = st.one_of(
    st.sampled_from([wan(Decimal(str(n))) for n in AROUND_THRESHOLDS]),
    st.decimals(min_value=0, max_value=wan(20000), places=2),
)
month_figures = st.fixed_dictionaries(
    {
        "deposit_avg": amounts,
        "loan_avg": st.one_of(st.just(Decimal(0)), amounts),
        "settlement_usd": st.one_of(st.just(Decimal(0)), amounts),
        "loan_class": st.one_of(st.none(), st.integers(1, 5)),
        "interest_arrears": st.sampled_from([Decimal(0), Decimal(0), Decimal("12.50")]),
        "advances": st.sampled_from([Decimal(0), Decimal(0), Decimal(100)]),
    }
)
customer_months = st.dictionaries(
    st.tuples(st.sampled_from([2025, 2026]), st.integers(1, 12)), month_figures, max_size=8
)
holding = st.one_of(
    st.tuples(st.just("one"), st.integers(0, 2), st.just(Decimal(1))),
    st.tuples(st.just("split"), st.integers(0, 2), st.sampled_from(["0.5", "0.6", "0.8"])),
    st.tuples(st.just("transfer"), st.integers(0, 2), amounts),
)
banks = st.fixed_dictionaries(
    {
        "grades": st.lists(
            st.sampled_from(["senior", "L1", "L2", "L3", "L4", "trainee", None]),
            min_size=3,
            max_size=3,
        ),
        "marketing_years": st.lists(st.integers(0, 5), min_size=3, max_size=3),
        "customers": st.lists(st.tuples(customer_months, holding), min_size=1, max_size=5),
        "quarter": st.integers(1, 4),
    }
)


class Rollback(Exception):
    pass


def build(bank, levels, spec) -> list:
    managers = []
    for code, years in zip(spec["grades"], spec["marketing_years"], strict=True):
        manager = AccountManagerFactory(
            unit=bank.sub_a, marketing_since=date(2026 - years, 1, 1), hire_date=date(2015, 1, 1)
        )
        if code:
            appoint(
                manager,
                levels[code],
                start=date(2025, 1, 1),
                proposer=bank.head_a,
                approver=bank.hr,
            )
        managers.append(manager)
    for months, (kind, first, share) in spec["customers"]:
        customer = CustomerFactory(unit=bank.sub_a)
        MonthlyFigure.objects.bulk_create(
            figure(customer, year, month, **values) for (year, month), values in months.items()
        )
        other = managers[(first + 1) % 3]
        if kind == "one":
            held(customer, managers[first], bank.hr)
        elif kind == "split":
            held(customer, managers[first], bank.hr, share=share)
            held(customer, other, bank.hr, share=str(Decimal(1) - Decimal(share)))
        else:
            held(customer, managers[first], bank.hr, basis="increase", baseline=share)
            held(customer, other, bank.hr, share="0.8", basis="baseline", baseline=share)
    return managers


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=banks)
def test_the_engine_matches_the_reference(bank, levels, spec):
    try:
        with transaction.atomic():
            managers = build(bank, levels, spec)
            evaluation = evaluate(2026, spec["quarter"])
            expected = reference_evaluation(2026, spec["quarter"])
            results = {r.manager_id: r for r in evaluation.results.all()}
            assert set(results) == set(expected)
            for manager in managers:
                result, reference = results[manager.pk], expected[manager.pk]
                fast = rebuilt(
                    result.details, evaluation.rules_used, result.current_grade_code or None
                )
                assert [g.indicators for g in fast.grades] == [
                    g.indicators for g in reference.grades
                ]
                assert fast.quality == reference.quality
                assert fast.minimum_line == reference.minimum_line
                assert fast.gap == reference.gap
                assert (result.eligible_grade_code or None) == reference.eligible_grade_code
                assert result.action == reference.action
                everything = reference.customers
                assert result.deposits == sum(
                    (c.deposit_avg for c in everything), Decimal(0)
                ).quantize(Decimal("0.01"))
            raise Rollback
    except Rollback:
        pass
