"""What a user sees of an unexpected error with DEBUG off (`handler500`): never a
traceback. The database not answering (PostgreSQL restarting or failing over) is a 503 with
Retry-After, "wait a moment": the app needs no restart, the next request reconnects
(CONN_HEALTH_CHECKS). Anything else is a 500. Under /api/ the answer is JSON, as DRF's are.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _


def server_error(request):
    # Called by Django inside its `except` block: the error being handled is the current one.
    unavailable = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    status = 503 if unavailable else 500
    if request.path.startswith("/api/"):
        detail = (
            _("The database is not answering at the moment. Try again shortly.")
            if unavailable
            else _("Internal error. Try again; if it happens again, tell the administrator.")
        )
        response = JsonResponse({"detail": detail}, status=status)
    else:
        body = loader.render_to_string("500.html", {"unavailable": unavailable})
        response = HttpResponse(body, status=status)
    if unavailable:
        response["Retry-After"] = "30"
    return response
