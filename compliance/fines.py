"""Fine proposals (R-DIS-4, R-MTG-2) and the configurable fine schedule.

Detection proposes; compliance confirms or waives. Nothing here deducts anything by
itself. A proposal is unique per person, reason and meeting (or, without a meeting, per
person, reason, unit and day), so re-running detection never doubles it.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from managers.models.decided import Decided
from managers.scoping import ScopedQuerySet
from meetings.models.members import PersonFields, one_person, unique_per_person

from .fine_choices import FineReason, FineStatus

# R-DIS-4 and R-MTG-2 as the regulations give them; the table below is what counts.
DEFAULT_FINES = {
    FineReason.NO_MORNING_MEETING: (Decimal("500"), Decimal("500")),  # "不低于500元" (R-MTG-2)
    FineReason.LATE: (Decimal("50"), Decimal("0")),  # "每迟到一次…50元" (R-DIS-4)
    FineReason.LEFT_EARLY: (Decimal("50"), Decimal("0")),  # "无故离岗…以旷工论处…50元"
    FineReason.ABSENT: (Decimal("50"), Decimal("0")),  # "不请假、或事后请假者…旷工…50元"
    FineReason.OUTING_ABSENT: (Decimal("100"), Decimal("0")),  # "不在外出登记地点…第一次100元"
    FineReason.CREDIT_FILE_LATE: (Decimal("50"), Decimal("0")),  # "15个工作日…每份50元"
    FineReason.OPINION_LATE: (Decimal("100"), Decimal("0")),  # "3个工作日…警告，再次100元"
}
POSITIVE = [MinValueValidator(Decimal("0.01"))]


class FineRate(models.Model):
    """The amount proposed for a reason (configurable, R-DIS-4), and the regulation's
    floor under it (R-MTG-2: no morning meeting costs the director at least 500 yuan)."""

    reason = models.CharField(_("reason"), max_length=30, choices=FineReason.choices, unique=True)
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=18, decimal_places=2, validators=POSITIVE
    )
    minimum = models.DecimalField(
        _("at least (yuan)"), max_digits=18, decimal_places=2, default=Decimal("0")
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fine rate")
        verbose_name_plural = _("fine schedule")
        ordering = ["reason"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.amount}"

    def clean(self):
        if self.amount is not None and self.minimum is not None and self.amount < self.minimum:
            raise ValidationError({"amount": _("The amount is below the minimum for this reason.")})

    @classmethod
    def schedule(cls) -> dict[str, tuple[Decimal, Decimal]]:
        """(amount, minimum) per reason: the stored rows over the regulation's defaults."""
        stored = {r: (a, m) for r, a, m in cls.objects.values_list("reason", "amount", "minimum")}
        return {
            str(reason): stored.get(reason, default) for reason, default in DEFAULT_FINES.items()
        }


class FineProposal(PersonFields, Decided):
    unit = models.ForeignKey(
        "managers.OrgUnit", verbose_name=_("org unit"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=30, choices=FineReason.choices)
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=18, decimal_places=2, validators=POSITIVE
    )
    day = models.DateField(_("day"))
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FineStatus.choices, default=FineStatus.PROPOSED
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    scope_unit_path = "unit__path"
    scope_owner = "manager__user"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("fine proposal")
        verbose_name_plural = _("fine proposals")
        ordering = ["-day", "unit", "pk"]
        indexes = [models.Index(fields=["day", "status"])]
        constraints = [
            one_person("fine_proposal_names_one_person"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="fine_proposal_positive"),
            *unique_per_person(
                ["reason", "meeting"],
                "one_fine_per_person_reason_meeting",
                _("This fine was already proposed."),
            ),
            *[
                models.UniqueConstraint(
                    fields=[person, "reason", "unit", "day"],
                    condition=Q(meeting__isnull=True, **{f"{person}__isnull": False}),
                    name=f"one_fine_per_{person}_reason_unit_day",
                    violation_error_message=_("This fine was already proposed."),
                )
                for person in ("manager", "staff")
            ],
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.get_reason_display()} {self.amount}"

    @property
    def key(self) -> tuple:
        """The natural key detection matches on (see `fine_services.fine_proposals_sync`):
        person, reason and meeting, or person, reason, unit and day without a meeting."""
        if self.meeting_id:
            return (self.manager_id, self.staff_id, self.reason, self.meeting_id, None, None)
        return (self.manager_id, self.staff_id, self.reason, None, self.unit_id, self.day)
