"""What an evaluation stores, and how a stored result becomes a `ManagerEvaluation` again.

An evaluation keeps a snapshot of the rules it applied (`rules_snapshot`), and each result
keeps its numbers (`result_details`): the indicators per grade, the quality counts, the
minimum-line sums, tenure. `rebuilt` runs the pure rules again on them, so a page shows the
verdict, the gaps and the messages in the reader's language, exactly as computed (R-ELG-5).
"""

from dataclasses import asdict, fields
from decimal import Decimal

from .rule_defaults import GradeCriteria, MinimumLine
from .rules import (
    Indicators,
    ManagerEvaluation,
    judge,
    minimum_line_from,
    quality_from_counts,
)

DECIMAL_CRITERIA = [
    field.name
    for field in fields(GradeCriteria)
    if field.name not in {"code", "criteria_needed", "notes"}
]


def _text(value):
    return str(value) if isinstance(value, Decimal) else value


def _decimal(value):
    return None if value is None else Decimal(value)


def rules_snapshot(criteria: tuple[GradeCriteria, ...], line: MinimumLine, **extra) -> dict:
    return {
        "criteria": [{k: _text(v) for k, v in asdict(grade).items()} for grade in criteria],
        "minimum_line": {k: _text(v) for k, v in asdict(line).items()},
        **{name: {k: _text(v) for k, v in asdict(value).items()} for name, value in extra.items()},
    }


def rules_from_snapshot(snapshot: dict) -> tuple[tuple[GradeCriteria, ...], MinimumLine]:
    criteria = tuple(
        GradeCriteria(
            **{
                **grade,
                **{name: _decimal(grade[name]) for name in DECIMAL_CRITERIA},
            }
        )
        for grade in snapshot["criteria"]
    )
    line = snapshot["minimum_line"]
    return criteria, MinimumLine(
        customer_min=Decimal(line["customer_min"]),
        deposit_min=Decimal(line["deposit_min"]),
        trainee_deposit_min=Decimal(line["trainee_deposit_min"]),
        trainee_code=line["trainee_code"],
    )


def _indicators_text(figures: Indicators) -> dict:
    """Spelled out rather than `asdict`: this runs for every manager of the bank."""
    return {
        "customers_counted": figures.customers_counted,
        "deposits": str(figures.deposits),
        "largest_deposit": str(figures.largest_deposit),
        "loans": str(figures.loans),
        "largest_loan": str(figures.largest_loan),
        "settlement_usd": str(figures.settlement_usd),
        "new_deposits": str(figures.new_deposits),
    }


def result_details(evaluation: ManagerEvaluation) -> dict:
    quality, line = evaluation.quality, evaluation.minimum_line
    return {
        "marketing_years": str(evaluation.marketing_years),
        "grades": [_indicators_text(result.indicators) for result in evaluation.grades],
        "quality": {
            "non_performing": quality.non_performing,
            "arrears": quality.interest_arrears,
            "advances": quality.advances,
            "not_rising": quality.normal_share_not_rising,
        },
        "minimum_line": {
            "deposits": str(line.deposits_counted),
            "customers": line.customers_counted,
        },
    }


def rebuilt(details: dict, snapshot: dict, current_grade_code: str | None) -> ManagerEvaluation:
    """The stored result as the rules see it, messages in the active language."""
    criteria, line = rules_from_snapshot(snapshot)
    per_grade = tuple(
        Indicators(
            **{k: (v if k == "customers_counted" else Decimal(v)) for k, v in stored.items()}
        )
        for stored in details["grades"]
    )
    stored_line = details["minimum_line"]
    return judge(
        per_grade,
        quality_from_counts(**details["quality"]),
        minimum_line_from(
            Decimal(stored_line["deposits"]), stored_line["customers"], current_grade_code, line
        ),
        current_grade_code=current_grade_code,
        marketing_years=details["marketing_years"],
        criteria=criteria,
        minimum_line=line,
    )
