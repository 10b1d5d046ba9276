"""The meetings section's tabs, each shown to the roles whose page it is."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from managers.choices import Role

from .. import access

register = template.Library()

TABS = (
    ("today", "meeting-today", _("Today"), access.SUPERVISORS),
    ("meetings", "meeting-list", _("Meetings"), access.READERS),
    ("leave", "leave-request-list", _("Leave"), access.LEAVE_PAGE_ROLES),
    ("rates", "attendance-rates", _("Attendance rates"), access.SUPERVISORS),
    ("minutes", "minutes-check", _("Minutes spot-check"), access.SUPERVISORS),
)


@register.inclusion_tag("meetings/_tabs.html", takes_context=True)
def meeting_tabs(context, active: str):
    user = context["request"].user
    role = Role.ADMIN if user.sees_whole_bank else user.role
    tabs = [
        {"url": reverse(url_name), "label": label, "active": key == active}
        for key, url_name, label, roles in TABS
        if role in roles
    ]
    return {"tabs": tabs}
