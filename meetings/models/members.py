"""Who attends a meeting (R-MTG-1): the unit's account managers, most without a login,
and its credit officers, who are staff users with no account-manager row. A record about
a person (attendance, leave, a fine) names exactly one of the two."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True, order=True)
class Member:
    """A person by id: an account manager or a staff user (exactly one is set)."""

    manager_id: int | None = None
    staff_id: int | None = None

    def __post_init__(self):
        if (self.manager_id is None) == (self.staff_id is None):
            raise ValueError("A member is an account manager or a staff user, not both or none.")

    @property
    def key(self) -> str:
        """The form field / API key: "m12" for account manager 12, "s5" for user 5."""
        return f"m{self.manager_id}" if self.manager_id else f"s{self.staff_id}"

    @classmethod
    def from_key(cls, key: str) -> "Member":
        kind, number = key[:1], key[1:]
        if kind not in ("m", "s") or not number.isdigit():
            raise ValueError(key)
        return cls(manager_id=int(number)) if kind == "m" else cls(staff_id=int(number))


class PersonFields(models.Model):
    """Exactly one of `manager` (an AccountManager) or `staff` (a User)."""

    manager = models.ForeignKey(
        "managers.AccountManager",
        verbose_name=_("account manager"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        abstract = True

    @property
    def member(self) -> Member:
        return Member(manager_id=self.manager_id, staff_id=self.staff_id)

    @property
    def person_name(self) -> str:
        return self.manager.name if self.manager_id else self.staff.get_full_name()


def one_person(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(manager__isnull=False, staff__isnull=True)
        | Q(manager__isnull=True, staff__isnull=False),
        name=name,
        violation_error_message=_("Name either an account manager or a staff member."),
    )


def unique_per_person(fields: list[str], name: str, message) -> list[models.UniqueConstraint]:
    """One row per person and `fields`, for each kind of person."""
    return [
        models.UniqueConstraint(
            fields=["manager", *fields],
            condition=Q(manager__isnull=False),
            name=f"{name}_manager",
            violation_error_message=message,
        ),
        models.UniqueConstraint(
            fields=["staff", *fields],
            condition=Q(staff__isnull=False),
            name=f"{name}_staff",
            violation_error_message=message,
        ),
    ]
