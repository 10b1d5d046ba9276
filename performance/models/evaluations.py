"""Evaluations (R-ELG-5): one run of the eligibility rules over a period and a scope, and
its result per account manager.

An evaluation is identified by its period and scope: running it again replaces its results
in one transaction, so readers see the old complete set or the new one, never a mix.
It records the rule set (and its version) and the figures it used (R-ELG-5: reproducible).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from managers.scoping import NOTHING, ScopedQuerySet, scope_filter

from .figures import FigureImport
from .rule_sets import MONEY, RuleSet


class EvaluationStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class SuggestedAction(models.TextChoices):
    """R-ELG-5; the values of `performance.rules.SuggestedAction`."""

    PROMOTION_CANDIDATE = "promotion_candidate", _("Promotion candidate")
    KEEP = "keep", _("Keep")
    DEMOTION_RISK = "demotion_risk", _("Demotion risk")
    BELOW_MINIMUM_LINE = "below_minimum_line", _("Below the minimum line")


class EvaluationQuerySet(ScopedQuerySet):
    def restrict(self, user) -> models.QuerySet:
        """A user sees the evaluations of their subtree and those covering their unit (the
        whole bank's among them); which results they see is scoped on the results."""
        visible = scope_filter(self.model, user)
        unit = getattr(user, "org_unit", None)
        # Q() (the whole bank) | X would be X alone: only a partial scope is widened.
        if visible not in (NOTHING, Q()) and unit is not None:
            visible |= Evaluation.covering(unit.path)
        return self.filter(visible)


class Evaluation(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    unit = models.ForeignKey(
        "managers.OrgUnit",
        verbose_name=_("scope"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the whole bank."),
    )
    # The unit's path, "" for the whole bank: the identity of the scope, and the key of
    # the one-evaluation-per-period-and-scope constraint (a NULL unit would not collide).
    scope_path = models.CharField(max_length=255, blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.QUEUED,
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=100, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: the quarterly schedule."),
    )
    requested_at = models.DateTimeField(_("requested at"))
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    rule_set = models.ForeignKey(
        RuleSet, verbose_name=_("rule set"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    rule_set_version = models.PositiveIntegerField(_("rule set version"), null=True)
    rules_used = models.JSONField(_("rules used"), default=dict)
    figures_import = models.ForeignKey(
        FigureImport,
        verbose_name=_("figures as of import"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    managers_count = models.PositiveIntegerField(_("account managers evaluated"), default=0)

    objects = EvaluationQuerySet.as_manager()
    scope_unit_path = "scope_path"

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-year", "-quarter", "scope_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "quarter", "scope_path"], name="one_evaluation_per_period_and_scope"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="evaluation_quarter_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return self.period

    @property
    def period(self) -> str:
        return f"{self.year}Q{self.quarter}"

    @property
    def finished(self) -> bool:
        return self.status in (EvaluationStatus.DONE, EvaluationStatus.FAILED)

    @staticmethod
    def covering(path: str) -> Q:
        """Evaluations whose scope contains the unit at `path` (the whole bank's among them)."""
        prefixes = [path[:end] for end in range(0, len(path) + 1)]
        return Q(scope_path__in=prefixes)


class EvaluationResult(models.Model):
    """One account manager's result (R-ELG-5). The columns are what lists filter and sort
    on; `details` holds the rest (per grade: indicators, criteria met; the gap to the next
    grade; the quality gate; the minimum line; messages)."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="results"
    )
    manager = models.ForeignKey(
        "managers.AccountManager",
        verbose_name=_("account manager"),
        on_delete=models.CASCADE,
        related_name="evaluation_results",
    )
    unit = models.ForeignKey(
        "managers.OrgUnit", verbose_name=_("org unit"), on_delete=models.PROTECT, related_name="+"
    )
    current_grade_code = models.CharField(_("current grade"), max_length=20, blank=True)
    eligible_grade_code = models.CharField(_("eligible grade"), max_length=20, blank=True)
    action = models.CharField(_("suggested action"), max_length=20, choices=SuggestedAction.choices)
    minimum_line_passed = models.BooleanField(_("minimum line met"))
    quality_passed = models.BooleanField(_("quality gate passed"))
    deposits = models.DecimalField(_("credited daily-average deposits (yuan)"), **MONEY)
    loans = models.DecimalField(_("credited daily-average loans (yuan)"), **MONEY)
    settlement_usd = models.DecimalField(_("international settlement (USD)"), **MONEY)
    new_deposits = models.DecimalField(
        _("new daily-average deposits (yuan)"), max_digits=18, decimal_places=2
    )
    deposit_target = models.DecimalField(
        _("deposits target (yuan)"), **MONEY, null=True, blank=True
    )
    plan_completion = models.DecimalField(
        _("plan completion"), max_digits=9, decimal_places=4, null=True, blank=True
    )
    customers_count = models.PositiveIntegerField(_("customers"))
    credit_customers_count = models.PositiveIntegerField(_("credit customers"))
    small_enterprise_tier = models.CharField(_("small-enterprise tier"), max_length=1, blank=True)
    details = models.JSONField(_("details"), default=dict)

    objects = ScopedQuerySet.as_manager()
    scope_unit_path = "unit__path"
    scope_owner = "manager__user"

    class Meta:
        verbose_name = _("evaluation result")
        verbose_name_plural = _("evaluation results")
        ordering = ["evaluation", "unit__path", "manager__employee_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "manager"], name="one_result_per_manager_and_evaluation"
            )
        ]
        indexes = [models.Index(fields=["manager", "evaluation"])]

    def __str__(self) -> str:
        return f"{self.evaluation} {self.manager_id}"
