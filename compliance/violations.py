"""Violation cases (R-PRO-1…11): a suspected breach reported by anyone, investigated by
compliance (reported → investigating → confirmed / dismissed, each step with who, when
and a note), with evidence files. A reporter may ask to stay confidential: their name is
then shown only to compliance, administrators and themselves.

Who sees a case: compliance, unit heads and HR their subtree's; an account manager the
cases they reported, and the cases about them once decided (not while investigated).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from managers.choices import Role
from managers.scoping import NOTHING, ScopedQuerySet, scope_filter

from .choices_cases import CLOSED_CASE_STATUSES, CaseStatus


class ViolationCaseQuerySet(ScopedQuerySet):
    def restrict(self, user) -> models.QuerySet:
        visible = scope_filter(self.model, user)
        if visible == NOTHING:
            return self.none()
        if visible == Q():  # the whole bank: Q() | X would narrow it to X alone
            return self.all()
        return self.filter(visible | Q(reporter=user.pk))


def _cases_of_manager(user) -> Q:
    return Q(manager__user=user.pk, status__in=CLOSED_CASE_STATUSES)


class ViolationCase(models.Model):
    manager = models.ForeignKey(
        "managers.AccountManager",
        verbose_name=_("account manager"),
        on_delete=models.PROTECT,
        related_name="violation_cases",
    )
    # The manager's unit when reported: the case stays with it if the manager moves.
    unit = models.ForeignKey(
        "managers.OrgUnit", verbose_name=_("org unit"), on_delete=models.PROTECT, related_name="+"
    )
    rules = models.ManyToManyField(
        "compliance.Prohibition",
        verbose_name=_("rules breached"),
        related_name="cases",
        blank=True,
    )
    occurred_on = models.DateField(_("occurred on"))
    place = models.CharField(_("place"), max_length=200)
    customers = models.ManyToManyField(
        "customers.Customer",
        verbose_name=_("customers concerned"),
        related_name="violation_cases",
        blank=True,
    )
    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.REPORTED
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    reporter_confidential = models.BooleanField(
        _("keep the reporter confidential"),
        default=False,
        help_text=_("The reporter's name is hidden from the account manager's unit."),
    )
    history = HistoricalRecords(m2m_fields=[rules, customers])

    scope_unit_path = "unit__path"
    scope_owner = staticmethod(_cases_of_manager)

    objects = ViolationCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("violation case")
        verbose_name_plural = _("violation cases")
        ordering = ["-reported_at", "-pk"]
        indexes = [models.Index(fields=["status", "reported_at"])]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"WG{timezone.localtime(self.reported_at):%Y}-{self.pk:05d}"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_CASE_STATUSES


def sees_confidential_reporter(user) -> bool:
    """Compliance and administrators see every reporter; the reporter sees themselves."""
    return user.sees_whole_bank or user.role == Role.COMPLIANCE


def reporter_shown(case: ViolationCase, user) -> bool:
    return (
        not case.reporter_confidential
        or sees_confidential_reporter(user)
        or case.reporter_id == user.pk
    )


class ViolationStep(models.Model):
    """One move of a case, with who made it, when and why (the first: the report)."""

    case = models.ForeignKey(
        ViolationCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="steps"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=CaseStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")
        ordering = ["case", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.get_to_status_display()}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    """Stored under a neutral name with the extension of the type found in the content
    (the uploaded name is kept in `name`)."""
    stamp = timezone.localtime()
    extension = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"evidence/{stamp:%Y/%m}/{instance.sha256[:16]}-{stamp:%d%H%M%S%f}.{extension}"


class Evidence(models.Model):
    """A file backing a case: size and type checked by content before anything is saved
    (`compliance.evidence_files`); served only through the case page, never publicly."""

    case = models.ForeignKey(
        ViolationCase, verbose_name=_("case"), on_delete=models.PROTECT, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["case", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name
