"""Rule sets: the eligibility numbers of one assessment year, editable by administrators
(R-ELG-2, R-ELG-4, R-CUS-5, R-ELG-6; "依据分行业务发展状况按年度进行调整"). Every edit is kept
by django-simple-history, so an evaluation can name the exact version it used."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import rule_defaults

MONEY = {"max_digits": 18, "decimal_places": 2, "validators": [MinValueValidator(0)]}


def _money(label, **extra):
    return models.DecimalField(label, **MONEY, **extra)


class RuleSet(models.Model):
    year = models.PositiveSmallIntegerField(_("assessment year"))
    name = models.CharField(_("name"), max_length=100)
    is_active = models.BooleanField(_("in force"), default=True)
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # R-ELG-4, the minimum on-post line.
    minimum_line_customer_min = _money(_("minimum line: customers counted from (yuan)"))
    minimum_line_deposit_min = _money(_("minimum line: credited deposits (yuan)"))
    minimum_line_trainee_deposit_min = _money(_("minimum line of trainees (yuan)"))
    # R-CUS-5, customer tiers by standard deposits.
    tier_diamond_min = _money(_("diamond from (yuan)"))
    tier_platinum_min = _money(_("platinum from (yuan)"))
    tier_gold_min = _money(_("gold from (yuan)"))
    tier_silver_min = _money(_("silver from (yuan)"))
    tier_min_relationship_months = models.PositiveSmallIntegerField(
        _("tier assessed after (months of relationship)")
    )
    # R-ELG-6, small-enterprise tiers by number of credit customers.
    small_enterprise_b_max = models.PositiveSmallIntegerField(_("tier B: at most"))
    small_enterprise_c_max = models.PositiveSmallIntegerField(_("tier C: at most"))
    small_enterprise_d_max = models.PositiveSmallIntegerField(_("tier D: at most"))
    small_enterprise_e_max = models.PositiveSmallIntegerField(_("tier E: at most"))
    notes = models.TextField(_("notes (readings of the source)"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")
        ordering = ["-year", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(is_active=True),
                name="one_rule_set_in_force_per_year",
                violation_error_message=_("Another rule set is in force for this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.name}"

    def minimum_line(self) -> rule_defaults.MinimumLine:
        return rule_defaults.MinimumLine(
            customer_min=self.minimum_line_customer_min,
            deposit_min=self.minimum_line_deposit_min,
            trainee_deposit_min=self.minimum_line_trainee_deposit_min,
        )

    def customer_tiers(self) -> rule_defaults.CustomerTierThresholds:
        return rule_defaults.CustomerTierThresholds(
            diamond_min=self.tier_diamond_min,
            platinum_min=self.tier_platinum_min,
            gold_min=self.tier_gold_min,
            silver_min=self.tier_silver_min,
            min_relationship_months=self.tier_min_relationship_months,
        )

    def small_enterprise_tiers(self) -> rule_defaults.SmallEnterpriseTierBounds:
        return rule_defaults.SmallEnterpriseTierBounds(
            b_max=self.small_enterprise_b_max,
            c_max=self.small_enterprise_c_max,
            d_max=self.small_enterprise_d_max,
            e_max=self.small_enterprise_e_max,
        )


class GradeRule(models.Model):
    """What one grade asks of the figures in a rule set (R-ELG-1, R-ELG-2). An empty
    minimum means the grade does not offer that criterion. Tenure (R-GRD-6) is the grade
    level's own `min_marketing_years`, not repeated here."""

    rule_set = models.ForeignKey(
        RuleSet, verbose_name=_("rule set"), on_delete=models.CASCADE, related_name="grade_rules"
    )
    grade_code = models.CharField(_("grade code"), max_length=20)
    criteria_needed = models.PositiveSmallIntegerField(
        _("criteria needed"), validators=[MinValueValidator(1)]
    )
    customer_floor = _money(_("customers counted from (yuan)"))
    deposit_min = _money(_("deposits (yuan)"), null=True, blank=True)
    deposit_single_customer_min = _money(_("of which one customer (yuan)"), null=True, blank=True)
    loan_min = _money(_("loans (yuan)"), null=True, blank=True)
    loan_single_customer_min = _money(_("of which one loan customer (yuan)"), null=True, blank=True)
    settlement_min_usd = _money(_("international settlement (USD)"), null=True, blank=True)
    new_deposit_min = _money(_("new deposits (yuan)"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grade rule")
        verbose_name_plural = _("grade rules")
        ordering = ["rule_set", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_set", "grade_code"],
                name="one_rule_per_grade_and_rule_set",
                violation_error_message=_("This rule set already has a rule for this grade."),
            )
        ]

    def __str__(self) -> str:
        return self.grade_code

    def criteria(self, *, min_marketing_years=rule_defaults.ZERO) -> rule_defaults.GradeCriteria:
        return rule_defaults.GradeCriteria(
            code=self.grade_code,
            criteria_needed=self.criteria_needed,
            customer_floor=self.customer_floor,
            deposit_min=self.deposit_min,
            deposit_single_customer_min=self.deposit_single_customer_min,
            loan_min=self.loan_min,
            loan_single_customer_min=self.loan_single_customer_min,
            settlement_min_usd=self.settlement_min_usd,
            new_deposit_min=self.new_deposit_min,
            min_marketing_years=min_marketing_years,
            notes=self.notes,
        )

    def clean(self):
        if self.criteria_needed is None or self.customer_floor is None:
            return
        try:
            self.criteria()
        except ValueError as error:
            raise ValidationError(
                _(
                    "The criteria needed must be between 1 and the number of criteria this grade "
                    "offers, and a one-customer minimum needs its total."
                )
            ) from error
