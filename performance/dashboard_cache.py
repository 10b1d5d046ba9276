"""The dashboard's heavy aggregates (the monthly trend and new NPLs of R-RPT-3, the
evaluation results' totals, grades and unit comparison), cached until their data change.

Monthly figures change only through imports and bulk loads, both ending in a roll-up
(`figure_rollups`), and evaluation results only when an evaluation finishes; each calls
`data_changed()`, which replaces the version every cache key carries, so a new import or
evaluation shows at once. What the key cannot see, a customer or manager moved to another
unit, is bounded by the timeout. The counts over all customers and assignments of the
subtree (unassigned, due a visit, rotations due) are kept five minutes, and the page says
when they were counted. The cache is an optimisation only: when it is unreachable (Redis
down) the aggregates are computed as if nothing were cached.
"""

import logging
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "dashboard:figures-version"
TIMEOUT = 15 * 60  # seconds
# Counts over every customer and assignment of the subtree (unassigned, due a visit,
# rotations due): live data, but a second at a whole bank's scale, so kept this long.
LIVE_TIMEOUT = 5 * 60
T = TypeVar("T")
logger = logging.getLogger(__name__)


def data_changed() -> None:
    """Forget every cached aggregate, once what was written is committed."""
    transaction.on_commit(forget_cached)


def forget_cached() -> None:
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:  # the cache is down: nothing cached can be read either
        logger.warning("dashboard cache unreachable", exc_info=True)


def scope_of(user) -> str:
    """What a user's `restrict()` depends on: the cached value of one user serves only
    users who see the same."""
    return "bank" if user.sees_whole_bank else f"{user.role}:{user.org_unit_id}"


def cached(parts: tuple, compute: Callable[[], T], timeout: int = TIMEOUT) -> T:
    """`compute()`, or its value cached under `parts` for the current data, `timeout`
    seconds at most."""
    try:
        version = cache.get_or_set(VERSION_KEY, lambda: uuid.uuid4().hex, None)
        key = ":".join(["dashboard", version, *map(str, parts)])
        value = cache.get(key)
    except Exception:
        logger.warning("dashboard cache unreachable", exc_info=True)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.warning("dashboard cache unreachable", exc_info=True)
    return value
