"""Field validators for customer personal data (R-CUS-7)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

RESIDENT_ID = re.compile(r"^\d{17}[\dX]$")
MAINLAND_MOBILE = re.compile(r"^1[3-9]\d{9}$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"


def resident_id_check_char(first_17: str) -> str:
    """GB 11643-1999 check character of an 18-digit resident identity number."""
    total = sum(int(digit) * weight for digit, weight in zip(first_17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def validate_resident_id(value: str) -> None:
    if not value:
        return
    if not RESIDENT_ID.match(value):
        raise ValidationError(_("An ID number has 17 digits and a digit or X."), code="format")
    if resident_id_check_char(value[:17]) != value[17]:
        raise ValidationError(_("The ID number's check digit is wrong (GB 11643)."), code="check")


def validate_mainland_phone(value: str) -> None:
    if value and not MAINLAND_MOBILE.match(value):
        raise ValidationError(
            _("A mainland mobile number has 11 digits and starts with 13–19."), code="phone"
        )


def mask_middle(value: str) -> str:
    """Keep the first three and last four characters: 13812345678 → 138****5678,
    110101199003071234 → 110***********1234."""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]
