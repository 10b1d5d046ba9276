"""Authentication backends."""

from axes.backends import AxesStandaloneBackend


class LoginLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for every login that comes with a request (the login
    page, the admin's). `authenticate()` without a request (the test client's `login()`, a
    shell) has no client address to lock out: it passes through to the next backend
    instead of failing."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
