"""The login page when django-axes has locked a user name out on this address (too many
failed logins): the same page, with a message saying for how long, and status 429."""

from math import ceil

from axes.helpers import get_cool_off
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.utils.translation import gettext, ngettext


def lockout_message(request) -> str:
    cool_off = get_cool_off(request)
    minutes = max(1, ceil(cool_off.total_seconds() / 60)) if cool_off else 0
    if not minutes:
        return gettext("Too many failed logins. Ask the administrator to unlock your account.")
    return ngettext(
        "Too many failed logins: you can try again in %(minutes)d minute, or ask the "
        "administrator to unlock your account.",
        "Too many failed logins: you can try again in %(minutes)d minutes, or ask the "
        "administrator to unlock your account.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page, its form emptied, with the lockout message."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        "form": AuthenticationForm(request, initial={"username": username}),
        "lockout": lockout_message(request),
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return render(request, "registration/login.html", context, status=429)
