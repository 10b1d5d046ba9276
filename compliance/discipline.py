"""Disciplinary actions (R-DIS-1…3): admonishment, yellow card, demotion, exit from the AM
sequence, dismissal. Detection (`discipline_triggers`) proposes from facts the system
holds; a person records the rest; either way a person confirms or waives each one.

An admonishment lasts six months from its start, during which the two allowances (两费
补贴: communication and transport) are paid at 50% (R-DIS-1); the roster shows that.
A proposal from a fact is unique per account manager, trigger and fact (`trigger_key`),
so re-running detection never proposes the same thing twice.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from managers.choices import Role
from managers.models.decided import Decided
from managers.scoping import ScopedQuerySet, scope_filter

from .choices_cases import GRADE_KINDS, ActionStatus, DisciplineKind, Trigger

ADMONISHMENT_MONTHS = 6  # R-DIS-1: "诫勉期六个月"
ADMONISHED_ALLOWANCE_RATE = Decimal("0.5")  # R-DIS-1: 两费补贴按50%发放
YELLOW_CARD_REPEAT_DAYS = 365  # R-DIS-2: a second yellow card "in the next year"


class DisciplinaryActionQuerySet(ScopedQuerySet):
    def restrict(self, user) -> models.QuerySet:
        """As any scoped model, except that an account manager sees only the actions
        decided against them, not proposals still under consideration."""
        visible = self.filter(scope_filter(self.model, user))
        if getattr(user, "role", None) == Role.ACCOUNT_MANAGER and not user.sees_whole_bank:
            return visible.filter(status=ActionStatus.CONFIRMED)
        return visible

    def in_force(self, on) -> models.QuerySet:
        """Confirmed admonishments running on day `on` (R-DIS-1)."""
        return self.filter(
            kind=DisciplineKind.ADMONISHMENT,
            status=ActionStatus.CONFIRMED,
            start_date__lte=on,
            end_date__gte=on,
        )


class DisciplinaryAction(Decided):
    manager = models.ForeignKey(
        "managers.AccountManager",
        verbose_name=_("account manager"),
        on_delete=models.PROTECT,
        related_name="disciplinary_actions",
    )
    kind = models.CharField(_("action"), max_length=20, choices=DisciplineKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PROPOSED
    )
    trigger = models.CharField(
        _("trigger"), max_length=30, choices=Trigger.choices, default=Trigger.MANUAL
    )
    trigger_key = models.CharField(_("fact"), max_length=60, blank=True, editable=False)
    facts = models.JSONField(_("facts"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)
    case = models.ForeignKey(
        "compliance.ViolationCase",
        verbose_name=_("violation case"),
        on_delete=models.PROTECT,
        related_name="actions",
        null=True,
        blank=True,
    )
    evaluation = models.ForeignKey(
        "performance.Evaluation",
        verbose_name=_("evaluation"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("follows"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    grade_change = models.ForeignKey(
        "managers.GradeChange",
        verbose_name=_("grade change proposal"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Empty: proposed by detection."),
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    scope_unit_path = "manager__unit__path"
    scope_owner = "manager__user"

    objects = DisciplinaryActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("disciplinary action")
        verbose_name_plural = _("disciplinary actions")
        ordering = ["-proposed_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["manager", "kind", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["manager", "trigger", "trigger_key"],
                condition=~Q(trigger=Trigger.MANUAL),
                name="one_discipline_proposal_per_fact",
                violation_error_message=_("This action was already proposed."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=False, end_date__gte=models.F("start_date")),
                name="discipline_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.manager} · {self.get_kind_display()}"

    @property
    def is_grade_change(self) -> bool:
        return self.kind in GRADE_KINDS
