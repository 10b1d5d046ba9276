"""A cursor for the app's big set-based statements (roll-ups, the evaluation's sums, tier
updates, the figure upsert)."""

from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def analytic_cursor():
    """On PostgreSQL, JIT compilation off for the transaction: for these wide statements
    it compiled for longer than they ran (bench/evaluation.py: 18 s with it, 8 s without)."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL work_mem = '256MB'")
        yield cursor


def insert_rows(model, objects: list) -> None:
    """Insert many new rows: PostgreSQL's COPY (bulk_create's parameter quoting costs more
    than the insert for thousands of rows with JSON), `bulk_create` elsewhere."""
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=2_000)
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        copy_sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
        with cursor.cursor.copy(copy_sql) as copy:
            for obj in objects:
                copy.write_row(
                    [
                        field.get_db_prep_save(getattr(obj, field.attname), connection)
                        for field in fields
                    ]
                )
