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


def copy_tuples(table: str, columns: tuple[str, ...], rows) -> None:
    """Write plain rows (tuples in `columns` order) into `table`: COPY on PostgreSQL,
    batched INSERTs on SQLite, the embedded demo's database."""
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", list(rows))


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
