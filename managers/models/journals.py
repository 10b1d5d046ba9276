"""Daily work journals (工作日志, R-JNL-1), the unit head's review of them with the next
day's work (R-VIS-2), spot checks of a period's journals, and the submission deadline.

The day's visits and outings are not copied into a journal: they are read by query
(the manager's visits and outings whose local date is the journal's day).
"""

from datetime import time

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import JournalStatus
from ..scoping import NOTHING, ScopedQuerySet

DEFAULT_DUE_TIME = time(23, 59)

# R-JNL-1: the sections of a day's journal, in the order the form asks them.
SECTION_FIELDS = (
    "credit_marketing",
    "intermediary_marketing",
    "ebanking_marketing",
    "npl_recovery",
    "interest_collection",
    "post_loan_checks",
    "results",
    "lessons",
    "difficulties",
)


def _section(label):
    return models.TextField(label, blank=True, default="")


class JournalPolicy(models.Model):
    """When a day's journal is due (configurable; one row, seeded with the default):
    by `due_time` on the `due_working_days`-th working day after the journal's day.
    Default: 23:59 on the day itself (0 working days after), the day's work written up
    after the return from outings (R-VIS-2). Submitted later is late; never submitted
    once the deadline has passed is missing (R-JNL-1)."""

    due_working_days = models.PositiveSmallIntegerField(
        _("due working days after the journal's day"),
        default=0,
        validators=[MaxValueValidator(5)],
        help_text=_("0: due on the day itself; 1: due on the next working day."),
    )
    due_time = models.TimeField(
        _("due by (time)"),
        default=DEFAULT_DUE_TIME,
        help_text=_("Submitted within this minute still counts as on time."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("journal policy")
        verbose_name_plural = _("journal policy")

    def __str__(self) -> str:
        return f"+{self.due_working_days} {self.due_time:%H:%M}"

    @classmethod
    def current(cls) -> "JournalPolicy":
        return cls.objects.order_by("pk").first() or cls()


class WorkJournal(models.Model):
    """An account manager's journal of one day (R-JNL-1): drafted, submitted, reviewed."""

    manager = models.ForeignKey(
        "managers.AccountManager",
        verbose_name=_("account manager"),
        on_delete=models.PROTECT,
        related_name="journals",
    )
    day = models.DateField(_("day"))
    credit_marketing = _section(_("Credit business marketing"))
    intermediary_marketing = _section(_("Intermediary business marketing"))
    ebanking_marketing = _section(_("E-banking marketing"))
    npl_recovery = _section(_("Non-performing loan recovery"))
    interest_collection = _section(_("Interest collection"))
    post_loan_checks = _section(_("Post-loan checks and overdue collection"))
    results = _section(_("Results achieved"))
    lessons = _section(_("Lessons learned"))
    difficulties = _section(_("Difficulties"))
    status = models.CharField(
        _("status"), max_length=20, choices=JournalStatus.choices, default=JournalStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    history = HistoricalRecords()

    scope_unit_path = "manager__unit__path"
    scope_owner = "manager__user"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("work journal")
        verbose_name_plural = _("work journals")
        ordering = ["-day", "manager_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["manager", "day"],
                name="one_journal_per_manager_and_day",
                violation_error_message=_("There is already a journal for this day."),
            ),
            models.CheckConstraint(
                condition=Q(status=JournalStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="submitted_journal_has_time",
                violation_error_message=_("A submitted journal needs its submission time."),
            ),
        ]
        indexes = [models.Index(fields=["day", "status"])]

    def __str__(self) -> str:
        return f"{self.manager} · {self.day:%Y-%m-%d}"

    @property
    def is_draft(self) -> bool:
        return self.status == JournalStatus.DRAFT

    def sections(self) -> list[tuple[str, str, str]]:
        """(field name, label, text) of every section, in the form's order."""
        return [
            (name, self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in SECTION_FIELDS
        ]


class JournalReview(models.Model):
    """The head's (or credit officer's) signed opinion on a submitted journal, with the
    work assigned for the next working day (R-JNL-1, R-VIS-2)."""

    journal = models.OneToOneField(
        WorkJournal, verbose_name=_("journal"), on_delete=models.CASCADE, related_name="review"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="journal_reviews",
    )
    opinion = models.TextField(_("opinion"))
    next_day_work = models.TextField(_("work assigned for the next working day"), blank=True)
    work_day = models.DateField(
        _("assigned work is for"), help_text=_("The working day after the journal's day.")
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), default=timezone.now)
    history = HistoricalRecords()

    scope_unit_path = "journal__manager__unit__path"
    scope_owner = "journal__manager__user"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("journal review")
        verbose_name_plural = _("journal reviews")
        ordering = ["-reviewed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.journal} · {self.reviewer}"


class JournalSpotCheck(models.Model):
    """A unit head's random sample of a period's submitted journals in their subtree
    (R-JNL-1 "heads spot-check journals"). The drawn journals are recorded, and the seed
    with them, so the head (and anyone auditing) sees the same sample again."""

    unit = models.ForeignKey(
        "managers.OrgUnit",
        verbose_name=_("org unit (and below)"),
        on_delete=models.PROTECT,
        related_name="journal_spot_checks",
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    requested_count = models.PositiveIntegerField(
        _("sample size"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    requested_percent = models.PositiveSmallIntegerField(
        _("sample share (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    seed = models.BigIntegerField(_("random seed"))
    population = models.PositiveIntegerField(_("journals in the period"))
    journals = models.ManyToManyField(
        WorkJournal, verbose_name=_("sampled journals"), related_name="spot_checks"
    )
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drawn by"),
        on_delete=models.PROTECT,
        related_name="journal_spot_checks",
    )
    drawn_at = models.DateTimeField(_("drawn at"), default=timezone.now)
    conclusion = models.TextField(_("conclusion"), blank=True)
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    history = HistoricalRecords()

    scope_unit_path = "unit__path"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("journal spot check")
        verbose_name_plural = _("journal spot checks")
        ordering = ["-drawn_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="spot_check_period_in_order",
                violation_error_message=_("The period ends before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.period_start:%Y-%m-%d}…{self.period_end:%Y-%m-%d}"

    @staticmethod
    def scope_owner(user) -> Q:
        """Spot checks are the heads' business: account managers see none."""
        return NOTHING
