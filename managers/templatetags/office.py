"""Template helpers: money in 万元 and 元, roster cells, sort links."""

from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import date_format

from customers.validators import mask_middle

register = template.Library()

TEN_THOUSAND = Decimal("10000")


@register.filter
def wan_yuan(amount) -> str:
    """Yuan shown in 万元 with two decimals (12,345,678 → 1,234.57)."""
    if amount is None or amount == "":
        return "—"
    return intcomma(f"{Decimal(amount) / TEN_THOUSAND:.2f}")


@register.filter
def yuan(amount) -> str:
    if amount is None or amount == "":
        return "—"
    return intcomma(f"{Decimal(amount):.2f}")


@register.filter
def cell(value, kind: str) -> str:
    """A roster value as the page shows it."""
    if value is None or value == "":
        return "—"
    if kind == "yuan":
        return yuan(value)
    if kind == "date":
        return date_format(value, "Y-m-d")
    return value


@register.simple_tag(takes_context=True)
def sort_query(context, field: str) -> str:
    """The query string that sorts by `field`, flipping the direction when already sorted."""
    params = context["request"].GET.copy()
    current = params.get("ordering", "")
    params["ordering"] = f"-{field}" if current == field else field
    params.pop("page", None)
    return params.urlencode()


@register.filter
def percent(share) -> str:
    """A credit share (fraction) as a percentage: 0.6 → 60%, 0.3333 → 33.33%."""
    if share is None or share == "":
        return "—"
    value = Decimal(share) * 100
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


@register.filter
def masked(value) -> str:
    """Personal data as lists show it (R-CUS-7): 13812345678 → 138****5678."""
    return mask_middle(value or "") or "—"
