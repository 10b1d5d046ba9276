"""A logged-in browser for the fault tests' web server (http.client: no extra dependency).

The session is opened in the test process (`Client.force_login`, stored in the database the
server reads), so no login form and no lockout counter are involved; the CSRF token is the
cookie a page sets, sent back as Django's form field, as a browser's form post does.
"""

import json
import uuid
from http.cookies import SimpleCookie

from django.test import Client
from rest_framework.authtoken.models import Token


class Browser:
    """Logged in as `user`, or with a `session` key opened earlier (`session_of`)."""

    def __init__(self, server, user=None, *, session: str | None = None):
        self.server = server
        self.cookies = {"sessionid": session or self.session_of(user)}

    @staticmethod
    def session_of(user) -> str:
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value

    def _cookie_header(self) -> dict:
        return {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}

    def _keep_cookies(self, headers) -> None:
        for value in headers.get_all("Set-Cookie") or ():
            for morsel in SimpleCookie(value).values():
                self.cookies[morsel.key] = morsel.value

    def get(self, path: str, timeout: float = 30):
        status, headers, text = self.server.request(
            "GET", path, headers=self._cookie_header(), timeout=timeout
        )
        self._keep_cookies(headers)
        return status, text

    def post(self, path: str, fields: dict, files: dict | None = None, timeout: float = 30):
        """A form post (multipart, as the upload form sends it) with the CSRF token."""
        if "csrftoken" not in self.cookies:
            self.get(path)
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in (fields | {"csrfmiddlewaretoken": self.cookies["csrftoken"]}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (file_name, content) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{file_name}"\r\nContent-Type: text/csv\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = self._cookie_header() | {
            "Content-Type": f"multipart/form-data; boundary={boundary}"
        }
        status, response_headers, text = self.server.request(
            "POST", path, body=body, headers=headers, timeout=timeout
        )
        self._keep_cookies(response_headers)
        return status, response_headers, text


class ApiClient:
    """An integration client: token authentication, JSON."""

    def __init__(self, server, user=None, *, token: str | None = None):
        self.server = server
        token = token or self.token_of(user)
        self.headers = {"Authorization": f"Token {token}", "Accept": "application/json"}

    @staticmethod
    def token_of(user) -> str:
        return Token.objects.get_or_create(user=user)[0].key

    def get(self, path: str, timeout: float = 30):
        status, headers, text = self.server.request(
            "GET", path, headers=self.headers, timeout=timeout
        )
        return status, headers, text

    def post(self, path: str, data: dict, timeout: float = 30):
        headers = self.headers | {"Content-Type": "application/json"}
        return self.server.request(
            "POST", path, body=json.dumps(data).encode(), headers=headers, timeout=timeout
        )


def as_json(text: str):
    return json.loads(text)
