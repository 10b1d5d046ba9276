"""Showing a service's refusal on the form or page that called it, and going back."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.http import url_has_allowed_host_and_scheme


def add_service_errors(form, error: ValidationError) -> None:
    """Put each message on its field when the form has it, otherwise on top of the form."""
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


def error_text(error: ValidationError | PermissionDenied) -> str:
    """A service's refusal as one line for a page's messages."""
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def posted_text(request, name: str) -> str:
    """A text a view reads straight from the POST (a decision's note), cleaned as a form's
    CharField cleans it: stripped, and a NUL character refused with a ValidationError
    (issue #9: PostgreSQL cannot store one; saving it was a 500)."""
    return forms.CharField(required=False).clean(request.POST.get(name, ""))


def safe_next(request) -> str | None:
    """The `next` URL a form came back with, when it points into this site."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return None
