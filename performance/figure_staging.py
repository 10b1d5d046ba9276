"""Temporary tables of one figure import: its valid rows, so that the checks on the whole
file (unknown customers, a customer-month twice) and the upsert are set-based SQL; and the
customer-months the upsert actually inserted or changed, the only ones rolled up again.

Rows go in with PostgreSQL's COPY (binary protocol through psycopg), or with batched
INSERTs on SQLite, the embedded demo database. The table is private to the database
session and dropped when the import ends.
"""

from collections.abc import Iterable

from django.db import connection

from .analytic_sql import copy_tuples
from .figure_files import FigureRow

TABLE = "figure_staging"
COLUMNS = ("row_no", *FigureRow._fields[1:])
DDL = f"""
    CREATE TEMPORARY TABLE {TABLE} (
        row_no integer NOT NULL,
        customer_number varchar(32) NOT NULL,
        year smallint NOT NULL,
        month smallint NOT NULL,
        days smallint NOT NULL,
        deposit_avg numeric(18, 2) NOT NULL,
        loan_avg numeric(18, 2) NOT NULL,
        settlement_usd numeric(18, 2) NOT NULL,
        loan_class smallint,
        interest_arrears numeric(18, 2) NOT NULL,
        overdue_days integer NOT NULL,
        advances numeric(18, 2) NOT NULL
    )
"""


CHANGED = "figure_changed"  # the customer-months an import inserted or changed
CHANGED_DDL = f"""
    CREATE TEMPORARY TABLE {CHANGED} (
        customer_id bigint NOT NULL, year smallint NOT NULL, month smallint NOT NULL
    )
"""


class Staging:
    """`with Staging() as staging: staging.append(rows)`; dropped on exit."""

    def __enter__(self) -> "Staging":
        with connection.cursor() as cursor:
            for table, ddl in ((TABLE, DDL), (CHANGED, CHANGED_DDL)):
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
                cursor.execute(ddl)
        return self

    def __exit__(self, *exc_info) -> None:
        if connection.needs_rollback or not connection.is_usable():
            return  # the session is gone or its transaction is rolled back with the table
        with connection.cursor() as cursor:
            for table in (TABLE, CHANGED):
                cursor.execute(f"DROP TABLE IF EXISTS {table}")

    def append(self, rows: Iterable[FigureRow]) -> None:
        copy_tuples(TABLE, COLUMNS, rows)

    def analyse(self) -> None:
        """Fresh statistics before the joins (PostgreSQL plans a temp table as tiny)."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {TABLE}")
