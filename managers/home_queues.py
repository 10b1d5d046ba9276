"""What a role's home page is made of (R-ORG-2): work queues, each a count, the first few
items and a link to the full list page. The counts are taken from the same scoped
selectors (and filters) as the list pages they link to, so both always agree."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SHORT_LIST = 5  # items shown under each count
NOTHING_WAITING = _("Nothing waiting.")


@dataclass(frozen=True)
class QueueItem:
    title: str
    url: str | None = None
    detail: str = ""


@dataclass(frozen=True)
class QueuePart:
    """One line of a breakdown (e.g. per kind), with the list page filtered to it."""

    label: str | Promise
    count: int
    url: str


@dataclass(frozen=True)
class Queue:
    key: str
    label: str | Promise
    count: int
    url: str
    items: list[QueueItem] = field(default_factory=list)
    parts: list[QueuePart] = field(default_factory=list)
    note: str | Promise = ""
    empty: str | Promise = NOTHING_WAITING

    @property
    def more(self) -> int:
        """How many the short list leaves out."""
        return max(self.count - len(self.items), 0)


def url_to(name: str, *args, **query) -> str:
    """The URL of the page `name` with `query` (values None are left out)."""
    url = reverse(name, args=args)
    params = {key: value for key, value in query.items() if value is not None}
    return f"{url}?{urlencode(params)}" if params else url


def first(rows: QuerySet) -> list:
    """The first items of a queue: one query, without the list page's prefetches."""
    return list(rows.prefetch_related(None)[:SHORT_LIST])


def joined(*parts) -> str:
    return " · ".join(str(part) for part in parts if part not in (None, ""))


def day_of(moment) -> str:
    """The local (Asia/Shanghai) day of a timestamp, as lists show it."""
    return date_format(timezone.localtime(moment), "Y-m-d")
