"""Org units, staff users and account managers (R-ORG-1…3)."""

import unicodedata

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from ..choices import (
    Education,
    EntryRoute,
    ManagerLine,
    ManagerStatus,
    OrgUnitKind,
    ProfessionalTitle,
    Role,
)
from ..scoping import ScopedQuerySet


class OrgUnitQuerySet(ScopedQuerySet, MP_NodeQuerySet):
    pass


class OrgUnitManager(MP_NodeManager.from_queryset(OrgUnitQuerySet)):
    def get_queryset(self):
        return OrgUnitQuerySet(self.model, using=self._db).order_by("path")


class OrgUnit(MP_Node):
    """A node of the bank's tree (R-ORG-1). A subtree is a prefix query on `path`."""

    code = models.CharField(_("unit code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=OrgUnitKind.choices)
    history = HistoricalRecords()

    node_order_by = ["code"]
    scope_unit_path = "path"

    objects = OrgUnitManager()

    class Meta:
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")

    def __str__(self) -> str:
        return self.name


class StaffUserManager(UserManager.from_queryset(ScopedQuerySet)):
    pass


class User(AbstractUser):
    """A member of staff (or an integration client) bound to one org unit (R-ORG-2)."""

    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.ACCOUNT_MANAGER
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("org unit"),
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    scope_unit_path = "org_unit__path"
    scope_owner = "pk"

    objects = StaffUserManager()

    class Meta:
        verbose_name = _("staff user")
        verbose_name_plural = _("staff users")

    def get_full_name(self) -> str:
        # Chinese order: surname first, no space.
        return f"{self.last_name}{self.first_name}".strip() or self.username

    @property
    def sees_whole_bank(self) -> bool:
        return self.is_superuser or self.role == Role.ADMIN


# Spaces, control and invisible format characters (zero-width space, right-to-left mark …).
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


def plain_identifier(value: str) -> str:
    """An identifier as imports match it (customers' import_cells.normalised): full-width
    letters and digits become ASCII (NFKC); spaces and invisible characters are refused, as
    "E 001" or "E\u200b001" would look like E001 and never match it (issue #9)."""
    text = unicodedata.normalize("NFKC", value or "")
    if any(unicodedata.category(char) in INVISIBLE_CATEGORIES for char in text):
        raise ValidationError(
            _("Use letters and digits only: no spaces or invisible characters."),
            code="invisible",
        )
    return text


class AccountManager(models.Model):
    """An account manager (客户经理), identified by employee number (R-ORG-3)."""

    employee_number = models.CharField(_("employee number"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=50)
    line = models.CharField(_("line"), max_length=20, choices=ManagerLine.choices)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("org unit"),
        on_delete=models.PROTECT,
        related_name="account_managers",
    )
    user = models.OneToOneField(
        User,
        verbose_name=_("login"),
        on_delete=models.SET_NULL,
        related_name="account_manager",
        null=True,
        blank=True,
    )
    hire_date = models.DateField(_("hire date"))
    # R-GRD-6: tenure prerequisites count continuous years in marketing.
    marketing_since = models.DateField(_("in marketing since"), null=True, blank=True)
    education = models.CharField(
        _("education"), max_length=20, choices=Education.choices, default=Education.BACHELOR
    )
    professional_title = models.CharField(
        _("professional title"),
        max_length=20,
        choices=ProfessionalTitle.choices,
        default=ProfessionalTitle.NONE,
    )
    entry_route = models.CharField(
        _("entry route"), max_length=20, choices=EntryRoute.choices, default=EntryRoute.GRADUATE
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ManagerStatus.choices, default=ManagerStatus.ACTIVE
    )
    # The latest appointment, kept by the grade services in the same transaction, so the
    # roster reads grade, staff grade and allowances with one join.
    current_appointment = models.ForeignKey(
        "managers.GradeAppointment",
        verbose_name=_("current appointment"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )
    history = HistoricalRecords()

    scope_unit_path = "unit__path"
    scope_owner = "user"

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("account manager")
        verbose_name_plural = _("account managers")
        ordering = ["employee_number"]
        indexes = [models.Index(fields=["status", "line"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.employee_number}）"

    def clean(self):
        errors = {}
        try:
            self.employee_number = plain_identifier(self.employee_number)
        except ValidationError as error:
            errors["employee_number"] = error.messages
        if self.marketing_since and self.hire_date and self.marketing_since < self.hire_date:
            errors["marketing_since"] = _("In marketing since cannot be before the hire date.")
        if errors:
            raise ValidationError(errors)
