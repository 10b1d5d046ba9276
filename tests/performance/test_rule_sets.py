"""Rule sets as data (R-ELG-2): seeded with DOMAIN's figures, edited by administrators,
copied forward to a new year, feeding the pure rules."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from performance import rule_defaults
from performance.models import GradeRule, RuleSet
from performance.rule_defaults import wan
from performance.rule_sets import criteria_of, rule_set_copy_forward, rule_set_in_force
from performance.rules import CustomerPeriod, evaluate_manager

pytestmark = pytest.mark.django_db


@pytest.fixture
def rule_set_2026(levels):
    return rule_set_in_force(2026)


def test_the_seeded_2026_rule_set_is_domains_table(rule_set_2026):
    assert criteria_of(rule_set_2026) == tuple(
        # notes differ (the seeded ones are in Chinese for HR); the numbers must not
        criteria.__class__(**{**criteria.__dict__, "notes": rule.notes})
        for criteria, rule in zip(
            rule_defaults.DEFAULT_CRITERIA,
            sorted(
                rule_set_2026.grade_rules.all(),
                key=lambda r: [c.code for c in rule_defaults.DEFAULT_CRITERIA].index(r.grade_code),
            ),
            strict=True,
        )
    )
    assert rule_set_2026.minimum_line() == rule_defaults.DEFAULT_MINIMUM_LINE
    assert rule_set_2026.customer_tiers() == rule_defaults.DEFAULT_CUSTOMER_TIERS
    assert rule_set_2026.small_enterprise_tiers() == rule_defaults.DEFAULT_SMALL_ENTERPRISE_TIERS


def test_tenure_comes_from_the_grade_levels(rule_set_2026, levels):
    years = {criteria.code: criteria.min_marketing_years for criteria in criteria_of(rule_set_2026)}
    assert years == {"senior": 3, "L1": 3, "L2": 1, "L3": 0, "L4": 0, "trainee": 0}
    levels["L2"].min_marketing_years = 2
    levels["L2"].save()
    assert dict((c.code, c.min_marketing_years) for c in criteria_of(rule_set_2026))["L2"] == 2


def l3_candidate(deposits_wan: int) -> list[CustomerPeriod]:
    """One customer, as big as last year (no new deposits)."""
    amount = wan(deposits_wan)
    return [
        CustomerPeriod(
            customer_deposit_avg=amount, deposit_avg=amount, last_year_deposit_avg=amount
        )
    ]


def test_an_edited_threshold_changes_the_evaluation(rule_set_2026):
    """HR lowers L3's deposits from 3,800万 to 3,000万: a manager with 3,500万 becomes L3."""

    def eligible():
        return evaluate_manager(
            l3_candidate(3500),
            current_grade_code="L4",
            marketing_years=Decimal(5),
            criteria=criteria_of(rule_set_2026),
            minimum_line=rule_set_2026.minimum_line(),
        ).eligible_grade_code

    assert eligible() == "L4"
    rule = rule_set_2026.grade_rules.get(grade_code="L3")
    rule.deposit_min = wan(3000)
    rule.save()
    assert eligible() == "L3"
    assert rule.history.latest().deposit_min == wan(3000)  # the edit is versioned


def test_copy_forward_to_a_new_year(rule_set_2026, admin_user):
    copy = rule_set_copy_forward(actor=admin_user, source=rule_set_2026, year=2027)
    assert (copy.year, copy.is_active, copy.copied_from) == (2027, True, rule_set_2026)
    assert copy.name.startswith("2027")
    assert criteria_of(copy) == criteria_of(rule_set_2026)
    assert rule_set_in_force(2027) == copy and rule_set_in_force(2026) == rule_set_2026
    with pytest.raises(ValidationError):
        rule_set_copy_forward(actor=admin_user, source=rule_set_2026, year=2027)


def test_no_rule_set_for_a_year_says_what_to_do(levels):
    with pytest.raises(ValidationError, match="2031"):
        rule_set_in_force(2031)


def test_a_grade_asking_more_criteria_than_it_offers_is_refused(rule_set_2026):
    rule = GradeRule(
        rule_set=rule_set_2026,
        grade_code="L5",
        criteria_needed=2,
        customer_floor=wan(50),
        deposit_min=wan(1000),
    )
    with pytest.raises(ValidationError):
        rule.full_clean()


def test_two_rule_sets_in_force_for_one_year_are_refused(rule_set_2026):
    second = RuleSet(
        **{
            f.name: getattr(rule_set_2026, f.name)
            for f in RuleSet._meta.concrete_fields
            if f.name != "id"
        }
    )
    with pytest.raises(ValidationError):
        second.full_clean()


def test_admin_copies_a_rule_set_to_the_next_year(admin_client, rule_set_2026):
    admin_client.post(
        "/admin/performance/ruleset/",
        {"action": "copy_to_next_year", "_selected_action": [rule_set_2026.pk]},
    )
    assert RuleSet.objects.filter(year=2027, is_active=True).exists()


def test_negative_threshold_is_refused(rule_set_2026):
    rule = rule_set_2026.grade_rules.get(grade_code="L4")
    rule.loan_min = Decimal("-1")
    with pytest.raises(ValidationError) as refused:
        rule.full_clean()
    assert "loan_min" in refused.value.message_dict
