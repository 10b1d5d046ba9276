"""Leave from meetings, asked in advance and approved by the unit head before the
meeting starts (R-MTG-2). Leave asked or approved after the fact counts as absence
(R-DIS-4)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from managers.models.decided import Decided
from managers.scoping import ScopedQuerySet

from ..choices import LeaveStatus
from .members import PersonFields, one_person


class LeaveRequest(PersonFields, Decided):
    unit = models.ForeignKey(
        "managers.OrgUnit", verbose_name=_("org unit"), on_delete=models.PROTECT, related_name="+"
    )
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("until"))
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=20, choices=LeaveStatus.choices, default=LeaveStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("asked at"))
    decision_note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    scope_unit_path = "unit__path"
    scope_owner = "manager__user"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("leave request")
        verbose_name_plural = _("leave requests")
        ordering = ["-date_from", "-pk"]
        indexes = [models.Index(fields=["date_from", "date_to"])]
        constraints = [
            one_person("leave_names_one_person"),
            models.CheckConstraint(
                condition=Q(date_to__gte=F("date_from")),
                name="leave_ends_after_it_starts",
                violation_error_message=_("The leave cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date_from:%Y-%m-%d}–{self.date_to:%Y-%m-%d} {self.get_status_display()}"
