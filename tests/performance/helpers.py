"""Builders for evaluation tests: figures written straight into the tables the importer
fills (then rolled up), assignments, and a run of the evaluation on the database."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from customers.models import Assignment
from performance.evaluations import evaluation_run
from performance.figure_files import MONTH_DAYS
from performance.figure_rollups import rollup_all
from performance.models import Evaluation, EvaluationResult, MonthlyFigure
from performance.rule_defaults import wan

FIRST_OF_YEAR = date(2025, 1, 1)


def figure(customer, year: int, month: int, **values) -> MonthlyFigure:
    """One month's figures (yuan), zero where not given."""
    defaults = {
        "deposit_avg": Decimal(0),
        "loan_avg": Decimal(0),
        "settlement_usd": Decimal(0),
        "interest_arrears": Decimal(0),
        "overdue_days": 0,
        "advances": Decimal(0),
    }
    return MonthlyFigure(
        customer=customer,
        year=year,
        month=month,
        days=MONTH_DAYS[(year, month)],
        **(defaults | values),
    )


def monthly(customer, year: int, months, deposit_wan=0, loan_wan=0, **values) -> None:
    """The same figures for `customer` in each of `months` of `year` (amounts in 万)."""
    MonthlyFigure.objects.bulk_create(
        figure(
            customer, year, month, deposit_avg=wan(deposit_wan), loan_avg=wan(loan_wan), **values
        )
        for month in months
    )


def held(customer, manager, by, share="1", basis="whole", baseline=None, start=FIRST_OF_YEAR):
    return Assignment.objects.create(
        customer=customer,
        manager=manager,
        credit_share=Decimal(share),
        basis=basis,
        baseline_deposit_avg=baseline,
        start_date=start,
        created_by=by,
    )


def evaluate(year: int, quarter: int, unit=None, **run_options) -> Evaluation:
    """Roll the figures up and run the evaluation of the period (as the worker does)."""
    rollup_all([year - 1, year])
    evaluation, _created = Evaluation.objects.get_or_create(
        year=year,
        quarter=quarter,
        scope_path=unit.path if unit else "",
        defaults={"unit": unit, "requested_at": timezone.now()},
    )
    return evaluation_run(evaluation, **run_options)


def result_of(evaluation: Evaluation, manager) -> EvaluationResult:
    return EvaluationResult.objects.get(evaluation=evaluation, manager=manager)
