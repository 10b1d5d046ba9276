"""Reading and copying rule sets (R-ELG-2): the bridge from the rows an administrator
edits to the pure rules of `performance.rules`."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from managers.models import GradeLevel
from managers.writes import save_validated

from . import rule_defaults
from .models import GradeRule, RuleSet

RULE_SET_FIELDS = [
    field.name
    for field in RuleSet._meta.concrete_fields
    if field.name not in {"id", "year", "name", "is_active", "copied_from"}
]
GRADE_RULE_FIELDS = [
    field.name for field in GradeRule._meta.concrete_fields if field.name not in {"id", "rule_set"}
]


def rule_set_in_force(year: int) -> RuleSet:
    try:
        return RuleSet.objects.get(year=year, is_active=True)
    except RuleSet.DoesNotExist:
        raise ValidationError(
            _("No rule set is in force for %(year)s: copy last year's forward in admin.")
            % {"year": year}
        ) from None


def criteria_of(rule_set: RuleSet) -> tuple[rule_defaults.GradeCriteria, ...]:
    """The rule set's grades as pure criteria, most senior first (by the active grade
    scheme's ranks), each with its grade level's tenure requirement (R-GRD-6)."""
    levels = {level.code: level for level in GradeLevel.objects.filter(scheme__is_active=True)}
    rules = [rule for rule in rule_set.grade_rules.all() if rule.grade_code in levels]
    rules.sort(key=lambda rule: levels[rule.grade_code].rank, reverse=True)
    return tuple(
        rule.criteria(min_marketing_years=levels[rule.grade_code].min_marketing_years)
        for rule in rules
    )


@transaction.atomic
def rule_set_copy_forward(*, actor, source: RuleSet, year: int) -> RuleSet:
    """A new rule set for `year` with the numbers of `source`, in force; HR then edits it."""
    if RuleSet.objects.filter(year=year, is_active=True).exists():
        raise ValidationError(
            {"year": _("A rule set is already in force for %(year)s.") % {"year": year}}
        )
    copy = RuleSet(
        year=year,
        name=source.name.replace(str(source.year), str(year)),
        is_active=True,
        copied_from=source,
        **model_to_dict(source, fields=RULE_SET_FIELDS),
    )
    save_validated(copy, actor)
    for rule in source.grade_rules.all():
        save_validated(
            GradeRule(rule_set=copy, **model_to_dict(rule, fields=GRADE_RULE_FIELDS)), actor
        )
    return copy
