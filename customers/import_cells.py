"""Reading one cell of a customer import file (R-CUS-1…4, R-CUS-7): text, codes, choices,
yes/no, dates, amounts in yuan, credit shares, resident ID numbers and mobile numbers.
Each parser returns the value or raises `CellError` with a message for the user."""

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import CustomerKind, CustomerSource
from .validators import validate_mainland_phone, validate_resident_id

CENT = Decimal("0.01")
SHARE_STEP = Decimal("0.0001")
AMOUNT_LIMIT = Decimal(10) ** 16  # DecimalField(max_digits=18, decimal_places=2)


class CellError(ValueError):
    """A cell that cannot be read; the message is for the user."""


# --- cells -----------------------------------------------------------------------------


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def plain(value) -> str:
    """Names as typed (full-width brackets belong to Chinese names)."""
    return str(value).strip()


def normalised(value) -> str:
    """Codes, numbers and choices: full-width digits and letters become ASCII (NFKC)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def _limited(text: str, max_length: int) -> str:
    if len(text) > max_length:
        raise CellError(_("At most %(max)s characters.") % {"max": max_length})
    return text


def code_parser(max_length: int) -> Callable:
    def parse(value) -> str:
        if isinstance(value, float) and not value.is_integer():
            raise CellError(_("Enter this code as text, not as a number."))
        text = normalised(value)
        # Issue #9: a zero-width space or a direction mark makes a code that looks like
        # another and never matches it (format characters: all outside ASCII).
        if any(unicodedata.category(char) == "Cf" for char in text):
            raise CellError(
                _("Remove the invisible characters (zero-width spaces, direction marks).")
            )
        return _limited(text, max_length)

    return parse


def text_parser(max_length: int) -> Callable:
    return lambda value: _limited(plain(value), max_length)


def choice_parser(words: dict[str, str], accepted: str) -> Callable:
    def parse(value) -> str:
        text = normalised(value).lower()
        if text not in words:
            raise CellError(
                _("Unknown value %(value)s: write one of %(accepted)s.")
                % {"value": text[:20], "accepted": accepted}
            )
        return words[text]

    return parse


KIND_WORDS = {
    "对公": CustomerKind.CORPORATE,
    "对公客户": CustomerKind.CORPORATE,
    "个人": CustomerKind.PERSONAL,
    "个人客户": CustomerKind.PERSONAL,
    **{kind.value: kind for kind in CustomerKind},
}
SOURCE_WORDS = {
    "自然增长": CustomerSource.NATURAL,
    "自己营销": CustomerSource.MARKETED,
    "公共资源": CustomerSource.PUBLIC,
    "公共资源户": CustomerSource.PUBLIC,
    "他人移交": CustomerSource.TRANSFERRED,
    **{source.value: source for source in CustomerSource},
}
TRUE_WORDS = {"是", "y", "yes", "true", "1"}
FALSE_WORDS = {"否", "n", "no", "false", "0"}


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = normalised(value).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError(_("Write 是 or 否 (Y/N)."))


DATE_TEXT = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):
        raise CellError(_("Write the date as YYYY-MM-DD or use a date cell."))
    text = normalised(value)
    match = DATE_TEXT.match(text) or COMPACT_DATE.match(text)
    if not match:
        raise CellError(_("Write the date as YYYY-MM-DD or use a date cell."))
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError as error:
        raise CellError(_("There is no such date.")) from error


NOT_AN_AMOUNT = gettext_lazy("Not an amount: write digits in yuan, e.g. 1234567.89.")
NOT_A_SHARE = gettext_lazy("Not a share: write 60%, 0.6 or 60.")


def _number(value, message: Promise) -> Decimal:
    """A Decimal from a number cell or text; `message` (lazy: only translated on error)."""
    if isinstance(value, bool):
        raise CellError(str(message))
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        text = re.sub(r"[,\s¥元]", "", normalised(value))
        try:
            number = Decimal(text)
        except InvalidOperation as error:
            raise CellError(str(message)) from error
    if not number.is_finite():
        raise CellError(str(message))
    return number


def parse_amount(value) -> Decimal:
    """Yuan, ≥ 0, rounded to the fen; full-width digits and thousands separators accepted."""
    number = _number(value, NOT_AN_AMOUNT)
    if number < 0:
        raise CellError(_("An amount cannot be negative."))
    if number >= AMOUNT_LIMIT:
        raise CellError(_("The amount is too large."))
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_share(value) -> Decimal:
    """A credit share as a fraction: 60%, 0.6 and 60 all mean 0.6 (a number above 1 is a
    percentage)."""
    percent = isinstance(value, str) and normalised(value).endswith("%")
    if percent:
        value = normalised(value).removesuffix("%")
    number = _number(value, NOT_A_SHARE)
    if percent or number > 1:
        number = number / 100
    if 0 < number <= 1:
        number = number.quantize(SHARE_STEP, rounding=ROUND_HALF_UP)
    if not 0 < number <= 1:
        raise CellError(_("A share is more than 0 and at most 100%."))
    return number


def _validated(validator: Callable, text: str) -> str:
    try:
        validator(text)
    except ValidationError as error:
        raise CellError(" ".join(error.messages)) from error
    return text


def parse_id_number(value) -> str:
    """R-CUS-7: a resident ID with a valid GB 11643 check digit (never echoed back)."""
    if isinstance(value, float):
        raise CellError(_("Enter ID numbers as text: Excel rounds long numbers."))
    return _validated(validate_resident_id, normalised(value).replace(" ", "").upper())


def parse_phone(value) -> str:
    text = re.sub(r"[\s-]", "", normalised(value))
    if text.startswith("+86"):
        text = text[3:]
    return _validated(validate_mainland_phone, text)
