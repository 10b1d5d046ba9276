"""The plain reference computation of an evaluation: per account manager, per customer,
straight from the monthly figures through the pure rules (`figure_rules`, `rules`). Slow
(queries in loops) and obviously right: the property test holds the fast, set-based engine
to it."""

from decimal import Decimal

from customers.models import Assignment
from managers.grade_rules import full_years
from managers.models import AccountManager
from performance.evaluation_sql import quarter_end
from performance.evaluations import EVALUATED_STATUSES
from performance.figure_rules import CustomerFigures, annualised_volume, year_to_date_average
from performance.models import MonthlyFigure
from performance.rule_sets import criteria_of, rule_set_in_force
from performance.rules import CustomerPeriod, ManagerEvaluation, evaluate_manager


def _normal_share(loan_class: int | None) -> Decimal | None:
    return None if loan_class is None else Decimal(1 if loan_class == 1 else 0)


def _customer_period(assignment: Assignment, year: int, quarter: int) -> CustomerPeriod:
    figures = list(MonthlyFigure.objects.filter(customer=assignment.customer_id))
    this_year = [f for f in figures if f.year == year and f.month <= 3 * quarter]
    last_year = [f for f in figures if f.year == year - 1]
    by_month = {(f.year, f.month): f for f in figures}
    now, before = by_month.get((year, 3 * quarter)), by_month.get((year - 1, 12))
    period = CustomerFigures(
        deposit_avg=year_to_date_average(
            [(f.year, f.month, f.deposit_avg) for f in this_year], year=year, quarter=quarter
        ),
        loan_avg=year_to_date_average(
            [(f.year, f.month, f.loan_avg) for f in this_year], year=year, quarter=quarter
        ),
        settlement_usd=annualised_volume(
            [(f.year, f.month, f.settlement_usd) for f in this_year], year=year, quarter=quarter
        ),
        last_year_deposit_avg=year_to_date_average(
            [(f.year, f.month, f.deposit_avg) for f in last_year], year=year - 1, quarter=4
        ),
    )
    return CustomerPeriod.credited(
        period,
        assignment.credit_share,
        assignment.basis,
        assignment.baseline_deposit_avg or Decimal(0),
        has_non_performing=any((f.loan_class or 0) >= 3 for f in this_year),
        has_interest_arrears=any(f.interest_arrears > 0 for f in this_year),
        has_advances=any(f.advances > 0 for f in this_year),
        normal_loan_share_now=_normal_share(now.loan_class if now else None),
        normal_loan_share_before=_normal_share(before.loan_class if before else None),
    )


def reference_evaluation(year: int, quarter: int) -> dict[int, ManagerEvaluation]:
    """The whole bank's evaluation of `year`Q`quarter`, by account manager id."""
    rule_set = rule_set_in_force(year)
    criteria, line = criteria_of(rule_set), rule_set.minimum_line()
    end = quarter_end(year, quarter)
    evaluations = {}
    for manager in AccountManager.objects.filter(status__in=EVALUATED_STATUSES):
        appointment = manager.current_appointment
        assignments = Assignment.objects.filter(manager=manager, start_date__lte=end).exclude(
            end_date__lt=end
        )
        evaluations[manager.pk] = evaluate_manager(
            [_customer_period(a, year, quarter) for a in assignments],
            current_grade_code=appointment.level.code if appointment else None,
            marketing_years=full_years(manager.marketing_since, end)
            if manager.marketing_since
            else 0,
            criteria=criteria,
            minimum_line=line,
        )
    return evaluations
