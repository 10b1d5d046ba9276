"""Filling in a page's form as a person would: the values the page shows (hidden fields,
formset management forms, selected options, texts), then the few a case changes."""

from html.parser import HTMLParser


class _FormValues(HTMLParser):
    """The fields of the POST forms of a page, by form: {name: value or [values]}."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._selected = False
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = {}
            self.forms.append(self._form)
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            ticked = attrs.get("type") in ("checkbox", "radio")
            if ticked and "checked" not in attrs:
                return
            self._add(name, attrs.get("value", "on" if ticked else ""))
        elif tag == "select" and name:
            self._select, self._select_first, self._selected = name, None, False
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None and value:
                self._select_first = value
            if "selected" in attrs:
                self._add(self._select, value)
                self._selected = True
        elif tag == "textarea" and name:
            self._textarea = name
            self._form[name] = ""

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form[self._textarea] += data.strip("\n")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select:
            if not self._selected and self._select_first is not None:
                self._form[self._select] = self._select_first
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def _add(self, name, value):
        if name in self._form:
            previous = self._form[name]
            self._form[name] = (
                [*previous, value] if isinstance(previous, list) else [previous, value]
            )
        else:
            self._form[name] = value


def form_values(html: str, has: str | None = None) -> dict:
    """The values of the page's largest POST form (or the first one with field `has`),
    the CSRF token left out (the test client does not check it)."""
    parser = _FormValues()
    parser.feed(html)
    forms = [form for form in parser.forms if has is None or has in form]
    if not forms:
        return {}
    values = dict(max(forms, key=len))
    values.pop("csrfmiddlewaretoken", None)
    return values
