"""Enumerations of the customers app (R-CUS-1, R-CUS-3, R-CUS-5, R-VIS-1)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CustomerKind(models.TextChoices):
    """R-CUS-1."""

    CORPORATE = "corporate", _("Corporate")
    PERSONAL = "personal", _("Personal")


class CustomerSource(models.TextChoices):
    """R-CUS-3: where the customer came from; decides the minimum credit share (R-CUS-4)."""

    NATURAL = "natural", _("Natural growth")
    MARKETED = "marketed", _("Marketed by the account manager")
    PUBLIC = "public", _("Public resource")
    TRANSFERRED = "transferred", _("Transferred from another holder")


class CustomerTier(models.TextChoices):
    """R-CUS-5, by standard deposits."""

    DIAMOND = "diamond", _("Diamond")
    PLATINUM = "platinum", _("Platinum")
    GOLD = "gold", _("Gold")
    SILVER = "silver", _("Silver")
    BRONZE = "bronze", _("Bronze")


class CreditBasis(models.TextChoices):
    """What an assignment's share applies to (R-CUS-4). After a transfer the former holder
    keeps the existing business (up to the baseline) and the new holder is credited with
    the increase over it."""

    WHOLE = "whole", _("All business")
    INCREASE = "increase", _("Increase over the baseline")
    BASELINE = "baseline", _("Existing business up to the baseline")


class VisitMethod(models.TextChoices):
    """R-VIS-1."""

    ON_SITE = "on_site", _("On site")
    PHONE = "phone", _("Phone")
    SMS = "sms", _("SMS")
    ONLINE = "online", _("Online")


class AccessAction(models.TextChoices):
    """R-PRO-8, R-CUS-7: what was done with customer personal data."""

    REVEAL = "reveal", _("Revealed personal data")
    EXPORT = "export", _("Exported customer data")
    IMPORT = "import", _("Imported customer data")
