"""Row counts of every business table, to prove a refused write saved nothing (issue #9):
snapshot before, snapshot after, compare. The models are found through the app registry,
so a model added later is counted without touching this file."""

from django.apps import apps
from django.db import connection

BUSINESS_APPS = ("managers", "customers", "performance", "compliance", "meetings")


def business_models() -> list:
    return [
        model
        for label in BUSINESS_APPS
        for model in apps.get_app_config(label).get_models()
        if not model._meta.proxy
    ]


def row_counts() -> dict[str, int]:
    """{"app_label.Model": rows} of every concrete business model (and its history), in
    one query: the tests take a snapshot around every refused request."""
    models = business_models()
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT {index}, COUNT(*) FROM {quote(model._meta.db_table)}"
        for index, model in enumerate(models)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = dict(cursor.fetchall())
    return {model._meta.label: counts[index] for index, model in enumerate(models)}


def changed_counts(before: dict[str, int], after: dict[str, int]) -> dict[str, tuple[int, int]]:
    """The tables whose row count differs: {label: (before, after)}."""
    return {
        label: (before.get(label, 0), after.get(label, 0))
        for label in sorted(set(before) | set(after))
        if before.get(label, 0) != after.get(label, 0)
    }
