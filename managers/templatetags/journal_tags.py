"""Template helpers of the work-journal pages (R-JNL-1)."""

from django import template

from managers.journal_access import journal_tabs

register = template.Library()


@register.simple_tag
def journal_tabs_for(user) -> list[tuple[str, str]]:
    """The journal tabs the user's role may open: (url name, label)."""
    return journal_tabs(user)


@register.filter
def percent(rate) -> str:
    """0.9512 → "95.1%"; None → "—"."""
    return "—" if rate is None else f"{rate * 100:.1f}%"
