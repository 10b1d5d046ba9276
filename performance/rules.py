"""Grade eligibility from figures as pure functions: plain values in, results out, no
database (R-ELG-1…5, R-GRD-6).

`evaluate_manager` takes an account manager's `CustomerPeriod`s (each customer's figures
for the period already credited to them, R-CUS-4, see `performance.figure_rules`) and
returns a `ManagerEvaluation` (R-ELG-5): the indicators per grade (each grade has its own
customer floor, R-ELG-2), the criteria met, the quality gate (R-ELG-3), tenure (R-GRD-6),
the eligible grade, the gap to the next grade, the minimum line (R-ELG-4) and the
suggested action.

Thresholds are inclusive: “以上” and “不低于” include the number itself. The configurable
numbers, and the readings of unclear source sentences, are in `performance.rule_defaults`.
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _

from .figure_rules import ONE, WHOLE, CustomerFigures, credit
from .rule_defaults import (
    DEFAULT_CRITERIA,
    DEFAULT_MINIMUM_LINE,
    TEN_THOUSAND,
    ZERO,
    GradeCriteria,
    MinimumLine,
)


class Criterion(StrEnum):
    """The four indicators of R-ELG-1."""

    DEPOSITS = "deposits"
    LOANS = "loans"
    SETTLEMENT = "settlement"
    NEW_DEPOSITS = "new_deposits"


class SuggestedAction(StrEnum):
    """R-ELG-5, in order of precedence."""

    BELOW_MINIMUM_LINE = "below_minimum_line"
    DEMOTION_RISK = "demotion_risk"
    PROMOTION_CANDIDATE = "promotion_candidate"
    KEEP = "keep"


@dataclass(frozen=True)
class CustomerPeriod:
    """One customer in the assessment period, credited to one account manager.

    `deposit_avg`, `loan_avg`, `settlement_usd`, `last_year_deposit_avg` are the credited
    figures (see `figure_rules.credit`). `customer_deposit_avg` is the customer's whole
    daily-average deposits, uncredited: the customer floor (R-ELG-2) and the 50万 filter of
    the minimum line (R-ELG-4) look at it. The quality flags (R-ELG-3) are for the whole year.
    `normal_loan_share_now`/`_before` (fractions, optional) feed the "share of normal-class
    loans should rise" condition, which only warns. `label` names the customer in results.
    """

    customer_deposit_avg: Decimal
    deposit_avg: Decimal = ZERO
    loan_avg: Decimal = ZERO
    settlement_usd: Decimal = ZERO
    last_year_deposit_avg: Decimal = ZERO
    has_non_performing: bool = False
    has_interest_arrears: bool = False
    has_advances: bool = False
    normal_loan_share_now: Decimal | None = None
    normal_loan_share_before: Decimal | None = None
    label: str = ""

    @classmethod
    def credited(
        cls,
        figures: CustomerFigures,
        share: Decimal,
        basis: str = WHOLE,
        baseline: Decimal = ZERO,
        **facts,
    ) -> "CustomerPeriod":
        """The customer's `figures` credited by `credit()`; `facts` are the other fields."""
        part = credit(figures, share, basis, baseline)
        facts.setdefault("customer_deposit_avg", figures.deposit_avg)
        return cls(
            deposit_avg=part.deposit_avg,
            loan_avg=part.loan_avg,
            settlement_usd=part.settlement_usd,
            last_year_deposit_avg=part.last_year_deposit_avg,
            **facts,
        )


# --- Evaluation (R-ELG-1…5, R-GRD-6) ------------------------------------------------


@dataclass(frozen=True)
class Indicators:
    """R-ELG-1 over the customers at or above one grade's floor (R-ELG-2). `largest_*` is
    the biggest single credited customer, for the single-customer minimums."""

    customers_counted: int
    deposits: Decimal
    largest_deposit: Decimal
    loans: Decimal
    largest_loan: Decimal
    settlement_usd: Decimal
    new_deposits: Decimal


def indicators(customers: Iterable[CustomerPeriod], floor: Decimal) -> Indicators:
    """R-ELG-1/R-ELG-2. New deposits = this year's minus last year's credited deposits of
    the same counted customers (a customer below the floor this year counts in neither)."""
    counted = [c for c in customers if c.customer_deposit_avg >= floor]
    deposits = sum((c.deposit_avg for c in counted), ZERO)
    return Indicators(
        customers_counted=len(counted),
        deposits=deposits,
        largest_deposit=max((c.deposit_avg for c in counted), default=ZERO),
        loans=sum((c.loan_avg for c in counted), ZERO),
        largest_loan=max((c.loan_avg for c in counted), default=ZERO),
        settlement_usd=sum((c.settlement_usd for c in counted), ZERO),
        new_deposits=deposits - sum((c.last_year_deposit_avg for c in counted), ZERO),
    )


def _reaches(value: Decimal, minimum: Decimal | None) -> bool:
    return minimum is None or value >= minimum


def _short(value: Decimal, minimum: Decimal | None) -> Decimal | None:
    return None if minimum is None else max(minimum - value, ZERO)


def criteria_met(figures: Indicators, grade: GradeCriteria) -> tuple[Criterion, ...]:
    """The criteria of `grade` that `figures` meet (R-ELG-2), inclusive thresholds; deposits
    and loans also need their single-customer minimum when the grade sets one."""
    met = []
    if grade.deposit_min is not None and (
        figures.deposits >= grade.deposit_min
        and _reaches(figures.largest_deposit, grade.deposit_single_customer_min)
    ):
        met.append(Criterion.DEPOSITS)
    if grade.loan_min is not None and (
        figures.loans >= grade.loan_min
        and _reaches(figures.largest_loan, grade.loan_single_customer_min)
    ):
        met.append(Criterion.LOANS)
    if grade.settlement_min_usd is not None and figures.settlement_usd >= grade.settlement_min_usd:
        met.append(Criterion.SETTLEMENT)
    if grade.new_deposit_min is not None and figures.new_deposits >= grade.new_deposit_min:
        met.append(Criterion.NEW_DEPOSITS)
    return tuple(met)


@dataclass(frozen=True)
class QualityResult:
    """R-ELG-3. `passed` is False when any customer had a non-performing loan, interest
    arrears or an advance in the year; `problems` say which. The normal-class share not
    rising only adds to `warnings`: the source says it "should rise" (要进一步提高) without
    a measure, so it is left to the reviewer."""

    passed: bool
    non_performing: int
    interest_arrears: int
    advances: int
    normal_share_not_rising: int
    problems: tuple[str, ...]
    warnings: tuple[str, ...]


def _normal_share_not_rising(customer: CustomerPeriod) -> bool:
    now, before = customer.normal_loan_share_now, customer.normal_loan_share_before
    if now is None or before is None:
        return False
    return now < before or (now == before and now < ONE)


def quality_gate(customers: Iterable[CustomerPeriod]) -> QualityResult:
    """R-ELG-3 over all the account manager's customers, whatever their size (the floor of
    R-ELG-2 applies to the indicators, not to loan quality). A customer's normal-class share
    "does not rise" when it fell, or stayed the same below 100%."""
    customers = list(customers)
    return quality_from_counts(
        non_performing=sum(c.has_non_performing for c in customers),
        arrears=sum(c.has_interest_arrears for c in customers),
        advances=sum(c.has_advances for c in customers),
        not_rising=sum(_normal_share_not_rising(c) for c in customers),
    )


def quality_from_counts(
    *, non_performing: int, arrears: int, advances: int, not_rising: int
) -> QualityResult:
    """R-ELG-3 from the number of customers with each problem."""
    problems = []
    if non_performing:
        problems.append(
            _(
                "Customers with non-performing loans (substandard, doubtful or loss) "
                "during the year: %(count)d (R-ELG-3)."
            )
            % {"count": non_performing}
        )
    if arrears:
        problems.append(
            _("Customers with interest arrears during the year: %(count)d (R-ELG-3).")
            % {"count": arrears}
        )
    if advances:
        problems.append(
            _(
                "Customers with advances on acceptance bills, guarantees or other credit "
                "during the year: %(count)d (R-ELG-3)."
            )
            % {"count": advances}
        )
    warnings = []
    if not_rising:
        warnings.append(
            _(
                "Customers whose share of normal-class loans did not rise: %(count)d "
                "(R-ELG-3; a warning, not a block)."
            )
            % {"count": not_rising}
        )
    return QualityResult(
        passed=not problems,
        non_performing=non_performing,
        interest_arrears=arrears,
        advances=advances,
        normal_share_not_rising=not_rising,
        problems=tuple(problems),
        warnings=tuple(warnings),
    )


@dataclass(frozen=True)
class MinimumLineResult:
    """R-ELG-4: credited deposits of the customers at or above the 50万 filter."""

    passed: bool
    deposits_counted: Decimal
    required: Decimal
    customers_counted: int


def minimum_line_result(
    customers: Iterable[CustomerPeriod], grade_code: str, line: MinimumLine
) -> MinimumLineResult:
    """R-ELG-4 for an account manager holding `grade_code`."""
    counted = [c for c in customers if c.customer_deposit_avg >= line.customer_min]
    deposits = sum((c.deposit_avg for c in counted), ZERO)
    return minimum_line_from(deposits, len(counted), grade_code, line)


def minimum_line_from(
    deposits: Decimal, customers_counted: int, grade_code: str | None, line: MinimumLine
) -> MinimumLineResult:
    """R-ELG-4 from the credited deposits of the customers at or above the line's filter.
    Someone without a grade yet is held to the general line."""
    required = line.deposit_min_for(grade_code)
    return MinimumLineResult(deposits >= required, deposits, required, customers_counted)


@dataclass(frozen=True)
class GradeResult:
    """One grade's verdict. `eligible` = enough criteria, tenure and the quality gate."""

    code: str
    indicators: Indicators
    criteria_met: tuple[Criterion, ...]
    criteria_needed: int
    figures_met: bool
    tenure_met: bool
    eligible: bool


@dataclass(frozen=True)
class Gap:
    """What separates the account manager from `grade_code` (R-ELG-5), per indicator on
    that grade's own floor: yuan (USD for settlement) still missing, 0 when met, None when
    the grade does not offer the criterion. `criteria_short`: how many more criteria."""

    grade_code: str
    deposits: Decimal | None
    deposit_single_customer: Decimal | None
    loans: Decimal | None
    loan_single_customer: Decimal | None
    settlement_usd: Decimal | None
    new_deposits: Decimal | None
    criteria_short: int
    marketing_years_short: Decimal


def _gap(result: GradeResult, grade: GradeCriteria, years: Decimal) -> Gap:
    figures = result.indicators
    single_deposit = grade.deposit_single_customer_min
    single_loan = grade.loan_single_customer_min
    return Gap(
        grade_code=grade.code,
        deposits=_short(figures.deposits, grade.deposit_min),
        deposit_single_customer=_short(figures.largest_deposit, single_deposit),
        loans=_short(figures.loans, grade.loan_min),
        loan_single_customer=_short(figures.largest_loan, single_loan),
        settlement_usd=_short(figures.settlement_usd, grade.settlement_min_usd),
        new_deposits=_short(figures.new_deposits, grade.new_deposit_min),
        criteria_short=max(grade.criteria_needed - len(result.criteria_met), 0),
        marketing_years_short=max(grade.min_marketing_years - years, ZERO),
    )


@dataclass(frozen=True)
class ManagerEvaluation:
    """R-ELG-5. Carries the inputs it used (`customers`, `criteria`, `minimum_line_rule`,
    `marketing_years`) so that the evaluation can be stored and reproduced. `grades` follows
    the order of `criteria` (most senior first). `eligible_grade_code` is None when no grade
    is met; `gap` is None when the current grade is the most senior."""

    current_grade_code: str | None
    eligible_grade_code: str | None
    action: SuggestedAction
    grades: tuple[GradeResult, ...]
    quality: QualityResult
    minimum_line: MinimumLineResult
    gap: Gap | None
    messages: tuple[str, ...]
    criteria: tuple[GradeCriteria, ...]
    minimum_line_rule: MinimumLine
    marketing_years: Decimal
    customers: tuple[CustomerPeriod, ...] = ()

    def grade(self, code: str) -> GradeResult:
        return next(result for result in self.grades if result.code == code)


def _wan_text(amount: Decimal) -> str:
    return f"{amount / TEN_THOUSAND:,.2f}"


def _action(current: int, eligible: int, line: MinimumLineResult) -> SuggestedAction:
    if not line.passed:
        return SuggestedAction.BELOW_MINIMUM_LINE
    if eligible > current:
        return SuggestedAction.DEMOTION_RISK
    if eligible < current:
        return SuggestedAction.PROMOTION_CANDIDATE
    return SuggestedAction.KEEP


def evaluate_manager(
    customers: Iterable[CustomerPeriod],
    *,
    current_grade_code: str | None,
    marketing_years: Decimal | int | str,
    criteria: tuple[GradeCriteria, ...] = DEFAULT_CRITERIA,
    minimum_line: MinimumLine = DEFAULT_MINIMUM_LINE,
) -> ManagerEvaluation:
    """Evaluate one account manager over a period from their customers (R-ELG-5): the
    indicators on each grade's floor, the quality gate and the minimum line, then `judge`."""
    customers = tuple(customers)
    evaluation = judge(
        tuple(indicators(customers, grade.customer_floor) for grade in criteria),
        quality_gate(customers),
        minimum_line_result(customers, current_grade_code, minimum_line),
        current_grade_code=current_grade_code,
        marketing_years=marketing_years,
        criteria=criteria,
        minimum_line=minimum_line,
    )
    return replace(evaluation, customers=customers)


def judge(
    per_grade: tuple[Indicators, ...],
    quality: QualityResult,
    line: MinimumLineResult,
    *,
    current_grade_code: str | None,
    marketing_years: Decimal | int | str,
    criteria: tuple[GradeCriteria, ...] = DEFAULT_CRITERIA,
    minimum_line: MinimumLine = DEFAULT_MINIMUM_LINE,
) -> ManagerEvaluation:
    """The verdict from figures already summed per grade (`per_grade` follows `criteria`).

    Per grade: the criteria met and tenure (R-GRD-6). The eligible grade is the most senior
    one with enough criteria, tenure and a passed quality gate (R-ELG-3). The gap is to the
    grade just above the current one (to the most junior grade for someone without a grade).
    The action is, first that applies: below the minimum line (R-ELG-4), demotion risk
    (eligible grade below the current one, or none), promotion candidate (above), keep.
    """
    years = Decimal(str(marketing_years))
    codes = [grade.code for grade in criteria]
    if current_grade_code is not None and current_grade_code not in codes:
        raise ValueError(f"unknown grade {current_grade_code!r}; expected one of {codes}")
    results = []
    for grade, figures in zip(criteria, per_grade, strict=True):
        met = criteria_met(figures, grade)
        figures_met = len(met) >= grade.criteria_needed
        tenure_met = years >= grade.min_marketing_years
        eligible = figures_met and tenure_met and quality.passed
        results.append(
            GradeResult(
                grade.code, figures, met, grade.criteria_needed, figures_met, tenure_met, eligible
            )
        )
    eligible_rank = next((rank for rank, r in enumerate(results) if r.eligible), len(results))
    current_rank = len(codes) if current_grade_code is None else codes.index(current_grade_code)
    gap = None
    if current_rank > 0:
        gap = _gap(results[current_rank - 1], criteria[current_rank - 1], years)

    messages = [*quality.problems, *quality.warnings]
    if not line.passed:
        messages.append(
            _(
                "Below the minimum on-post line: credited daily-average deposits of "
                "%(counted)s, %(required)s needed (10,000 yuan; R-ELG-4)."
            )
            % {"counted": _wan_text(line.deposits_counted), "required": _wan_text(line.required)}
        )
    if gap and gap.marketing_years_short:
        messages.append(
            _("The next grade needs %(needed)s years in marketing; has %(years)s (R-GRD-6).")
            % {"needed": criteria[current_rank - 1].min_marketing_years, "years": years}
        )
    return ManagerEvaluation(
        current_grade_code=current_grade_code,
        eligible_grade_code=codes[eligible_rank] if eligible_rank < len(codes) else None,
        action=_action(current_rank, eligible_rank, line),
        grades=tuple(results),
        quality=quality,
        minimum_line=line,
        gap=gap,
        messages=tuple(messages),
        criteria=tuple(criteria),
        minimum_line_rule=minimum_line,
        marketing_years=years,
    )
