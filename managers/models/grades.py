"""Grade schemes, grade levels, appointments and grade changes (R-GRD-1…6).

A bank configures its scheme (six levels by default, three or eight elsewhere) as data.
Every appointment comes from an approved grade change, so who proposed, who approved,
when and why is always known.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import ApprovalAuthority, GradeChangeKind, GradeChangeStatus
from ..scoping import ScopedQuerySet
from .decided import Decided

NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


class GradeScheme(models.Model):
    name = models.CharField(_("name"), max_length=100)
    is_active = models.BooleanField(_("active"), default=False)
    term_months = models.PositiveSmallIntegerField(
        _("appointment term (months)"), default=12, validators=[MinValueValidator(1)]
    )
    trainee_months_graduate = models.PositiveSmallIntegerField(
        _("trainee period of new graduates (months)"), default=12
    )
    trainee_months_transfer = models.PositiveSmallIntegerField(
        _("trainee period of staff transferred in (months)"), default=6
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grade scheme")
        verbose_name_plural = _("grade schemes")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=Q(is_active=True),
                name="one_active_grade_scheme",
                violation_error_message=_("Only one grade scheme can be active."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def active(cls) -> "GradeScheme":
        return cls.objects.get(is_active=True)


class GradeLevel(models.Model):
    """One grade of a scheme. A higher `rank` is a more senior grade (R-GRD-1, R-GRD-2)."""

    scheme = models.ForeignKey(
        GradeScheme, verbose_name=_("grade scheme"), on_delete=models.CASCADE, related_name="levels"
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=50)
    rank = models.PositiveSmallIntegerField(_("rank (higher is more senior)"))
    staff_grade = models.PositiveSmallIntegerField(
        _("staff grade"), validators=[MinValueValidator(1)]
    )
    communication_allowance = models.DecimalField(
        _("communication allowance (yuan/month)"),
        max_digits=18,
        decimal_places=2,
        default=Decimal("0"),
        validators=NON_NEGATIVE,
    )
    transport_allowance = models.DecimalField(
        _("transport allowance (yuan/month)"),
        max_digits=18,
        decimal_places=2,
        default=Decimal("0"),
        validators=NON_NEGATIVE,
    )
    approval_authority = models.CharField(
        _("approval authority"), max_length=20, choices=ApprovalAuthority.choices
    )
    min_marketing_years = models.PositiveSmallIntegerField(
        _("years in marketing required"), default=0
    )
    is_trainee = models.BooleanField(_("trainee grade"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grade level")
        verbose_name_plural = _("grade levels")
        ordering = ["scheme", "-rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "code"],
                name="grade_level_code_unique",
                violation_error_message=_("This scheme already has a grade with this code."),
            ),
            models.UniqueConstraint(
                fields=["scheme", "rank"],
                name="grade_level_rank_unique",
                violation_error_message=_("This scheme already has a grade with this rank."),
            ),
            models.CheckConstraint(
                condition=Q(communication_allowance__gte=0) & Q(transport_allowance__gte=0),
                name="grade_level_allowances_non_negative",
                violation_error_message=_("Allowances cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(staff_grade__gte=1),
                name="grade_level_has_staff_grade",
                violation_error_message=_("Every grade needs a staff grade."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def monthly_allowances(self) -> Decimal:
        return self.communication_allowance + self.transport_allowance


class GradeChange(Decided):
    """A proposed change of an account manager's grade and its decision (R-GRD-3, R-GRD-4)."""

    manager = models.ForeignKey(
        "managers.AccountManager",
        verbose_name=_("account manager"),
        on_delete=models.PROTECT,
        related_name="grade_changes",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=GradeChangeKind.choices)
    from_level = models.ForeignKey(
        GradeLevel,
        verbose_name=_("from grade"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    to_level = models.ForeignKey(
        GradeLevel,
        verbose_name=_("to grade"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    effective_date = models.DateField(_("effective date"))
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=GradeChangeStatus.choices,
        default=GradeChangeStatus.PROPOSED,
    )
    authority = models.CharField(
        _("approval authority"), max_length=20, choices=ApprovalAuthority.choices
    )
    prerequisite_issues = models.JSONField(_("prerequisites not met"), default=list, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    opinion = models.TextField(_("opinion"), blank=True)
    is_exception = models.BooleanField(_("exception (破格)"), default=False)
    exception_justification = models.TextField(_("justification of the exception"), blank=True)
    history = HistoricalRecords()

    scope_unit_path = "manager__unit__path"
    scope_owner = "manager__user"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("grade change")
        verbose_name_plural = _("grade changes")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=GradeChangeKind.EXIT, to_level__isnull=True)
                | (~Q(kind=GradeChangeKind.EXIT) & Q(to_level__isnull=False)),
                name="grade_change_target_matches_kind",
            ),
            # One open proposal per account manager at a time.
            models.UniqueConstraint(
                fields=["manager"],
                condition=Q(status=GradeChangeStatus.PROPOSED),
                name="one_open_grade_change_per_manager",
                violation_error_message=_(
                    "This account manager already has a grade change awaiting approval."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.manager.name} · {self.get_kind_display()}"


class GradeAppointment(models.Model):
    """A term during which an account manager holds a grade (R-GRD-3: one year).

    Terms of one person never overlap: the service locks the manager while it ends the
    current term and starts the next, and on PostgreSQL an exclusion constraint refuses
    overlapping date ranges whatever writes them (migration 0003)."""

    manager = models.ForeignKey(
        "managers.AccountManager",
        verbose_name=_("account manager"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    level = models.ForeignKey(
        GradeLevel, verbose_name=_("grade"), on_delete=models.PROTECT, related_name="appointments"
    )
    start_date = models.DateField(_("appointed from"))
    end_date = models.DateField(_("term ends"))
    change = models.OneToOneField(
        GradeChange,
        verbose_name=_("grade change"),
        on_delete=models.PROTECT,
        related_name="appointment",
    )
    history = HistoricalRecords()

    scope_unit_path = "manager__unit__path"
    scope_owner = "manager__user"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("grade appointment")
        verbose_name_plural = _("grade appointments")
        ordering = ["manager", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="grade_appointment_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.start_date}–{self.end_date}"
