"""Reading what a response shows: its text (pages, JSON, CSV, the cells of an .xlsx), the
POST forms of a page without a CSRF token, the ids of an API list."""

import io
import json
import zipfile
from html.parser import HTMLParser


def body_bytes(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def body_text(response) -> str:
    """What a person or a program reads from the response."""
    data = body_bytes(response)
    if data.startswith(b"PK"):  # .xlsx: the shared strings and the sheets
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return " ".join(
                package.read(name).decode("utf-8", "ignore")
                for name in package.namelist()
                if name.endswith(".xml")
            )
    return data.decode("utf-8", "ignore")


class _PostForms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []  # per POST form: its action and whether it has the token
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "").lower() == "post":
            self._open = {"action": attributes.get("action", ""), "token": False}
            self.forms.append(self._open)
        elif (
            tag == "input"
            and self._open is not None
            and attributes.get("name") == "csrfmiddlewaretoken"
            and attributes.get("value")
        ):
            self._open["token"] = True

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None


def forms_without_csrf_token(html: str) -> list[str]:
    """The actions of the page's POST forms that carry no CSRF token."""
    parser = _PostForms()
    parser.feed(html)
    return [form["action"] or "(this page)" for form in parser.forms if not form["token"]]


def listed_ids(response) -> set | None:
    """The ids of the rows of an API list (paginated or not); None if it is not one."""
    try:
        data = json.loads(body_bytes(response))
    except ValueError:
        return None
    rows = data.get("results") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        return None
    return {row["id"] for row in rows if isinstance(row, dict) and "id" in row}
