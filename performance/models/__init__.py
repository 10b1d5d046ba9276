from .evaluations import Evaluation, EvaluationResult, EvaluationStatus, SuggestedAction
from .figures import (
    QUARTERS,
    CustomerYearFigure,
    FigureImport,
    ImportStatus,
    LoanClass,
    MonthlyFigure,
    MonthlyTarget,
)
from .loans import Loan, NewAccountPolicy
from .rule_sets import GradeRule, RuleSet

__all__ = [
    "QUARTERS",
    "CustomerYearFigure",
    "Evaluation",
    "EvaluationResult",
    "EvaluationStatus",
    "FigureImport",
    "GradeRule",
    "ImportStatus",
    "Loan",
    "LoanClass",
    "MonthlyFigure",
    "MonthlyTarget",
    "NewAccountPolicy",
    "RuleSet",
    "SuggestedAction",
]
