import time

from django.conf import settings
from django.contrib.auth import logout
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Simplified Chinese unless the user chose another language (the language cookie set
    by the switch at the bottom of each page). The browser's Accept-Language is ignored:
    branch PCs often run an English Windows, and the bank's working language is Chinese."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if not (chosen and translation.check_for_language(chosen)):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()


class ContentSecurityPolicyMiddleware:
    """Sends `settings.CONTENT_SECURITY_POLICY` with every response that has none of its own
    (Django 5.2 has no CSP support of its own; 6.0 will)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.CONTENT_SECURITY_POLICY
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response


class IdleSessionTimeoutMiddleware:
    """Logs a browser session out after `settings.SESSION_IDLE_TIMEOUT` seconds without a
    request; the next page then asks to log in again. The time of the last request is written
    to the session at most once a minute, not on every request."""

    KEY = "last_request_at"
    RESOLUTION = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = settings.SESSION_IDLE_TIMEOUT
        if timeout and request.user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            last = request.session.get(self.KEY)
            if last is not None and now - last > timeout:
                logout(request)
            elif last is None or now - last >= self.RESOLUTION:
                request.session[self.KEY] = now
        return self.get_response(request)


def start_idle_clock(sender, request, user, **kwargs):
    """`user_logged_in` receiver (connected in managers/apps.py): the clock of the idle
    timeout starts at login, so the first page after it does not write the session again."""
    if request is not None and hasattr(request, "session"):
        request.session[IdleSessionTimeoutMiddleware.KEY] = int(time.time())
