"""The pure rules behind the discipline proposals (R-ELG-4, R-DIS-1, R-DIS-2), with
DOMAIN's numbers: 80% of plan, more than one month (30 days) overdue, arrears at two
month-ends, any advance, a second yellow card within 365 days, six months."""

from datetime import date
from decimal import Decimal

import pytest

from compliance.choices_cases import DisciplineKind
from compliance.discipline_rules import (
    Card,
    MonthFacts,
    QuarterResult,
    after_admonishment,
    below_plan_pairs,
    credit_episodes,
    first_below_line_each_year,
    last_quarter_within,
    second_cards,
)


def quarter(year, q, plan="0.7", line=True, manager=1):
    completion = None if plan is None else Decimal(plan)
    return QuarterResult(manager, year, q, 100 + q, completion, line)


def periods(pairs):
    return [tuple(r.period for r in pair) for pair in pairs]


def test_two_consecutive_quarters_below_80_percent_make_one_pair():
    assert periods(below_plan_pairs([quarter(2026, 1), quarter(2026, 2)])) == [("2026Q1", "2026Q2")]


def test_exactly_80_percent_is_not_below_plan():
    assert below_plan_pairs([quarter(2026, 1, "0.8"), quarter(2026, 2, "0.7999")]) == []


def test_a_run_of_four_quarters_gives_two_pairs_across_the_year_end():
    run = [quarter(2025, 3), quarter(2025, 4), quarter(2026, 1), quarter(2026, 2)]
    assert periods(below_plan_pairs(run)) == [("2025Q3", "2025Q4"), ("2026Q1", "2026Q2")]
    assert periods(below_plan_pairs(run[:3])) == [("2025Q3", "2025Q4")]


@pytest.mark.parametrize(
    "rows",
    [
        [quarter(2026, 1), quarter(2026, 3)],  # not consecutive
        [quarter(2026, 1), quarter(2026, 2, "0.9"), quarter(2026, 3)],  # broken by a pass
        [quarter(2026, 1), quarter(2026, 2, None)],  # no target: no plan to miss
        [quarter(2026, 1, manager=1), quarter(2026, 2, manager=2)],  # two people
    ],
)
def test_no_pair_without_two_consecutive_failing_quarters_of_one_person(rows):
    assert below_plan_pairs(rows) == []


def test_the_first_quarter_below_the_line_in_each_year():
    rows = [
        quarter(2026, 3, line=False),
        quarter(2026, 2, line=False),
        quarter(2026, 1, line=True),
        quarter(2027, 1, line=False),
    ]
    assert [r.period for r in first_below_line_each_year(rows)] == ["2026Q2", "2027Q1"]


def month(m, arrears="0", overdue=0, advances="0", year=2026, customer=7):
    return MonthFacts(customer, year, m, Decimal(arrears), overdue, Decimal(advances))


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        ([month(3, overdue=31)], [("2026-03", ("overdue",))]),
        ([month(3, overdue=30)], []),  # one month exactly is not "over one month"
        ([month(4, arrears="10")], []),  # arrears at one month-end only
        ([month(4, arrears="10"), month(5, arrears="5")], [("2026-05", ("arrears",))]),
        ([month(4, arrears="10"), month(6, arrears="5")], []),  # not consecutive
        ([month(6, advances="1")], [("2026-06", ("advance",))]),
    ],
)
def test_credit_customer_episodes(months, expected):
    found = [(e.start.label, e.reasons) for e in credit_episodes(months)]
    assert found == expected


def test_consecutive_failing_months_are_one_episode_and_a_gap_starts_another():
    months = [
        month(3, overdue=31),
        month(4, overdue=61, advances="9"),
        month(8, overdue=45),
        month(12, overdue=40),
        month(1, overdue=70, year=2027),
    ]
    episodes = credit_episodes(months)
    assert [(e.start.label, len(e.months)) for e in episodes] == [
        ("2026-03", 2),
        ("2026-08", 1),
        ("2026-12", 2),
    ]
    assert episodes[0].reasons == ("overdue", "advance")


def test_a_second_yellow_card_within_365_days():
    cards = [
        Card(1, 5, date(2026, 1, 10)),
        Card(2, 5, date(2027, 1, 10)),  # 365 days later: within the next year
        Card(3, 5, date(2028, 1, 11)),  # 366 days after the second
        Card(4, 6, date(2026, 2, 1)),
    ]
    assert [(a.id, b.id) for a, b in second_cards(cards)] == [(1, 2)]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 7, 15), date(2027, 1, 14), (2026, 4)),
        (date(2026, 1, 1), date(2026, 6, 30), (2026, 2)),
        (date(2026, 4, 2), date(2026, 6, 29), None),
    ],
)
def test_the_last_quarter_ending_within_an_admonishment(start, end, expected):
    assert last_quarter_within(start, end) == expected


@pytest.mark.parametrize(
    ("plan", "line", "has_lower", "expected"),
    [
        ("0.9", True, True, None),
        ("0.79", True, True, DisciplineKind.DEMOTION),
        ("0.79", True, False, DisciplineKind.EXIT),
        ("0.9", False, True, DisciplineKind.EXIT),  # R-ELG-4: below the line means exit
        (None, True, True, None),
    ],
)
def test_what_follows_an_admonishment(plan, line, has_lower, expected):
    assert after_admonishment(quarter(2026, 4, plan, line), has_lower) == expected
