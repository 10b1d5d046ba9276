"""Each discipline trigger from the facts that cause it to the proposal and its
confirmation (R-ELG-4, R-DIS-1, R-DIS-2); re-running detection proposes nothing twice."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from compliance import discipline_services as services
from compliance.choices_cases import ActionStatus, DisciplineKind, Trigger
from compliance.discipline_triggers import detect_daily, detect_from_evaluations
from compliance.models import DisciplinaryAction
from managers.choices import GradeChangeKind, GradeChangeStatus
from performance.figure_rollups import rollup_all
from tests.compliance.case_helpers import book, graded, targets
from tests.factories import CustomerFactory
from tests.performance.helpers import evaluate, held, monthly


def proposals(trigger):
    return DisciplinaryAction.objects.filter(trigger=trigger).order_by("pk")


def test_below_the_minimum_line_proposes_a_yellow_card_once_a_year(bank, levels):
    """R-ELG-4: every grade but trainee needs 1,500万 of credited deposits (inclusive)."""
    under, at_line = graded(bank, levels["L4"]), graded(bank, levels["L4"])
    book(bank, under, 1400)
    book(bank, at_line, 1500)
    evaluation = evaluate(2026, 3)

    detect_from_evaluations()
    assert not proposals(Trigger.BELOW_MINIMUM_LINE).filter(manager=at_line).exists()
    card = proposals(Trigger.BELOW_MINIMUM_LINE).get(manager=under)
    assert (card.manager, card.kind, card.status) == (
        under,
        DisciplineKind.YELLOW_CARD,
        ActionStatus.PROPOSED,
    )
    assert card.evaluation == evaluation and card.trigger_key == "2026"
    assert card.facts == {"period": "2026Q3", "line_deposits": "14000000.00"}

    evaluate(2026, 2)
    assert detect_from_evaluations().below_minimum_line == 0  # one a year, idempotent
    with pytest.raises(PermissionDenied):  # HR does not decide yellow cards
        services.action_confirm(actor=bank.hr, action=card, start_date=date(2026, 10, 15))
    card = services.action_confirm(
        actor=bank.compliance, action=card, start_date=date(2026, 10, 15), note="属实"
    )
    assert (card.status, card.decided_by, card.start_date) == (
        ActionStatus.CONFIRMED,
        bank.compliance,
        date(2026, 10, 15),
    )
    assert detect_from_evaluations().below_minimum_line == 0


def test_two_quarters_below_80_percent_of_plan_propose_an_admonishment(bank, levels):
    """R-DIS-1 with R-JNL-2's plan: 2,000万 against a 3,000万 target is 66.67%; 2,400万
    is exactly 80% and not below it."""
    failing, at_floor = graded(bank, levels["L4"]), graded(bank, levels["L4"])
    book(bank, failing, 2000)
    book(bank, at_floor, 2400)
    targets(failing, 3000)
    targets(at_floor, 3000)
    evaluate(2026, 1)
    assert detect_from_evaluations().below_plan == 0  # one quarter is not two
    evaluate(2026, 2)

    assert detect_from_evaluations().below_plan == 1
    admonishment = proposals(Trigger.BELOW_PLAN).get()
    assert (admonishment.manager, admonishment.kind) == (failing, DisciplineKind.ADMONISHMENT)
    assert admonishment.facts == {
        "periods": ["2026Q1", "2026Q2"],
        "plan_completion": ["0.6667", "0.6667"],
    }
    evaluate(2026, 3)
    assert detect_from_evaluations().below_plan == 0  # Q2–Q3 overlaps the pair proposed
    evaluate(2026, 4)
    assert detect_from_evaluations().below_plan == 1  # Q3–Q4: the next pair

    confirmed = services.action_confirm(
        actor=bank.compliance, action=admonishment, start_date=date(2026, 7, 15)
    )
    assert (confirmed.start_date, confirmed.end_date) == (date(2026, 7, 15), date(2027, 1, 14))


@pytest.fixture
def credit(bank):
    """A credit customer held by am_a since 2026-01-01, with its months' loan state."""

    def make(months, manager=None, is_credit=True, start=date(2026, 1, 1)):
        customer = CustomerFactory(unit=bank.sub_a, is_credit=is_credit)
        for month, values in months.items():
            monthly(customer, 2026, [month], loan_wan=500, **values)
        held(customer, manager or bank.am_a, bank.hr, start=start)
        return customer

    return make


def test_a_credit_customer_overdue_or_in_arrears_over_a_month_or_an_advance(bank, credit):
    """R-DIS-1: over one month overdue (31 days, not 30), arrears at two month-ends, or
    an advance; a non-credit customer does not count."""
    overdue = credit({3: {"overdue_days": 31}, 4: {"overdue_days": 61}})
    credit({3: {"overdue_days": 30}})
    credit({4: {"interest_arrears": Decimal("800")}})
    arrears = credit({4: {"interest_arrears": Decimal("800")}, 5: {"interest_arrears": 900}})
    advance = credit({6: {"advances": Decimal("50000")}})
    credit({3: {"overdue_days": 90}}, is_credit=False)
    credit({3: {"overdue_days": 90}}, start=date(2026, 5, 1))  # taken over afterwards
    rollup_all([2026])

    assert detect_daily(date(2026, 7, 1)).credit_customer == 3
    found = {p.customer: p for p in proposals(Trigger.CREDIT_CUSTOMER)}
    assert set(found) == {overdue, arrears, advance}
    assert found[overdue].facts == {
        "months": ["2026-03", "2026-04"],
        "reasons": ["overdue"],
        "overdue_days": 61,
    }
    assert found[arrears].trigger_key == f"{arrears.pk}:2026-05"
    assert {p.manager for p in found.values()} == {bank.am_a}
    assert detect_daily(date(2026, 7, 2)).credit_customer == 0  # idempotent

    monthly(overdue, 2026, [9], loan_wan=500, overdue_days=40)  # a new episode
    rollup_all([2026])
    assert detect_daily(date(2026, 10, 1)).credit_customer == 1

    action = services.action_confirm(
        actor=bank.compliance, action=found[advance], start_date=date(2026, 7, 3)
    )
    assert action.end_date == date(2027, 1, 2)  # six months (R-DIS-1)


def test_a_second_yellow_card_within_a_year_proposes_dismissal(bank, levels):
    """R-DIS-2: the minimum line's card in October, another in March → dismissal,
    which HR confirms as a grade change proposal (exit from the AM sequence)."""
    manager = graded(bank, levels["L4"])
    book(bank, manager, 1000)
    evaluate(2026, 3)
    detect_from_evaluations()
    first = services.action_confirm(
        actor=bank.compliance,
        action=proposals(Trigger.BELOW_MINIMUM_LINE).get(manager=manager),
        start_date=date(2026, 10, 15),
    )
    second = services.action_record(
        actor=bank.compliance,
        manager=manager,
        kind=DisciplineKind.YELLOW_CARD,
        reason="年度考核不称职（R-DIS-2）",
    )
    services.action_confirm(actor=bank.admin, action=second, start_date=date(2027, 3, 1))

    dismissal = proposals(Trigger.SECOND_YELLOW_CARD).get()  # proposed on confirmation
    assert (dismissal.kind, dismissal.previous, dismissal.manager) == (
        DisciplineKind.DISMISSAL,
        first,
        manager,
    )
    assert detect_daily(date(2027, 3, 2)).second_yellow_card == 0
    with pytest.raises(PermissionDenied):  # compliance does not decide dismissals
        services.action_confirm(
            actor=bank.compliance, action=dismissal, start_date=date(2027, 3, 10)
        )
    dismissal = services.action_confirm(
        actor=bank.hr, action=dismissal, start_date=date(2027, 3, 10), note="同意解聘"
    )
    change = dismissal.grade_change
    assert (change.kind, change.status, change.proposed_by) == (
        GradeChangeKind.EXIT,
        GradeChangeStatus.PROPOSED,
        bank.hr,
    )
    assert change.effective_date == date(2027, 3, 10)


def test_yellow_cards_more_than_a_year_apart_propose_nothing(bank):
    for day in (date(2026, 1, 1), date(2027, 1, 2)):
        card = services.action_record(
            actor=bank.compliance, manager=bank.am_a, kind=DisciplineKind.YELLOW_CARD, reason="x"
        )
        services.action_confirm(actor=bank.admin, action=card, start_date=day)
    assert not proposals(Trigger.SECOND_YELLOW_CARD).exists()


@pytest.fixture
def admonished(bank, levels):
    """An account manager below 80% of plan all 2026, admonished from 2026-07-15 to
    2027-01-14 after Q1–Q2, with the figures of Q3–Q4 evaluated."""

    def make(code="L3", deposit_wan=2000):
        manager = graded(bank, levels[code])
        book(bank, manager, deposit_wan)
        targets(manager, 3000)
        evaluate(2026, 1)
        evaluate(2026, 2)
        detect_from_evaluations()
        services.action_confirm(
            actor=bank.compliance,
            action=proposals(Trigger.BELOW_PLAN).get(manager=manager),
            start_date=date(2026, 7, 15),
        )
        evaluate(2026, 3)
        evaluate(2026, 4)
        return manager

    return make


def test_an_admonishment_ending_with_the_figures_failing_proposes_demotion(bank, admonished):
    """R-DIS-1: still failing at the end → demote (here L3 → L4), through HR."""
    manager = admonished("L3")
    assert detect_daily(date(2027, 1, 14)).admonishment_failed == 0  # not over yet
    assert detect_daily(date(2027, 1, 15)).admonishment_failed == 1
    demotion = proposals(Trigger.ADMONISHMENT_FAILED).get()
    assert (demotion.manager, demotion.kind) == (manager, DisciplineKind.DEMOTION)
    assert demotion.facts["period"] == "2026Q4" and demotion.facts["plan_completion"] == "0.6667"
    assert detect_daily(date(2027, 1, 16)).admonishment_failed == 0

    demotion = services.action_confirm(actor=bank.hr, action=demotion, start_date=date(2027, 2, 1))
    change = demotion.grade_change
    assert (change.kind, change.from_level.code, change.to_level.code) == (
        GradeChangeKind.DEMOTE,
        "L3",
        "L4",
    )


def test_with_no_lower_grade_or_below_the_line_the_proposal_is_exit(bank, admonished):
    lowest = admonished("L4")
    below_line = admonished("L3", deposit_wan=1000)
    detect_daily(date(2027, 1, 15))
    kinds = {p.manager: p.kind for p in proposals(Trigger.ADMONISHMENT_FAILED)}
    assert kinds == {lowest: DisciplineKind.EXIT, below_line: DisciplineKind.EXIT}


def test_figures_that_recovered_propose_nothing(bank, admonished):
    manager = admonished("L3")
    targets_q4 = manager.monthly_targets.filter(month__gte=10)
    targets_q4.update(deposit_avg=Decimal("20000000"))  # 2,000万 of 2,000万: 100%
    evaluate(2026, 4)
    assert detect_daily(date(2027, 1, 15)).admonishment_failed == 0
