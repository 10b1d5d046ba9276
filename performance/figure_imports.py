"""Importing monthly figures (DOMAIN §3): validated row by row and then as a whole, saved
all-or-nothing, idempotent, recorded, and rolled up for the evaluation.

1. Every row is parsed (`figure_files`); valid rows stream into a staging table
   (`figure_staging`), so memory stays flat whatever the file's size.
2. Set-based checks on the whole file: customers unknown or outside the importer's units,
   the same customer-month twice.
3. Any problem: nothing is saved, the import is marked rejected with the problems (row,
   column, message). Otherwise one transaction upserts the figures (a month imported again
   replaces its figures) and rewrites the touched customers' roll-ups.

Small files run at once; large ones are queued for a Celery worker, which reports progress.
"""

import hashlib
import logging
from collections.abc import Iterator
from itertools import islice

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.celery import queue_on_commit, require_queue
from customers.models import Customer
from managers.import_files import ImportRefused, RowError, reported
from managers.models import OrgUnit
from managers.writes import update_now

from . import figure_rollups
from .access import IMPORTER_ROLES
from .analytic_sql import analytic_cursor
from .figure_csv_copy import stage_csv
from .figure_files import FigureRow, figure_lines, parse_rows
from .figure_staging import CHANGED, TABLE, Staging
from .models import FigureImport, ImportStatus, MonthlyFigure

logger = logging.getLogger(__name__)

BATCH = 20_000  # rows per COPY, between progress reports
READ_SHARE = 80  # percent of the progress bar for reading the file
CUSTOMERS = Customer._meta.db_table
UNITS = OrgUnit._meta.db_table
FIGURES = MonthlyFigure._meta.db_table
FIGURE_COLUMNS = FigureRow._fields[2:]


def may_import_figures(user) -> bool:
    return user.is_authenticated and (user.sees_whole_bank or user.role in IMPORTER_ROLES)


def figure_import_submit(*, actor, file_name: str, file_format: str, content: bytes):
    """Record an import of `content` and run it: now when it is small, otherwise on a
    worker (the returned import is then queued; poll it for progress)."""
    if not may_import_figures(actor):
        raise PermissionDenied
    queued = len(content) > settings.FIGURE_IMPORT_SYNC_MAX_BYTES
    if queued:
        require_queue()  # Redis down: "try again later", and nothing recorded
    record = FigureImport.objects.create(
        created_by=actor,
        file_name=file_name[:200],
        file_format=file_format,
        checksum=hashlib.sha256(content).hexdigest(),
        content=content if queued else None,
        rows_total=_estimated_rows(file_format, content),
    )
    if queued:
        from .tasks import import_figures

        queue_on_commit(import_figures, record.pk, on_refused=lambda: _not_queued(record))
        return record
    return figure_import_run(record, content)


def _not_queued(record: FigureImport) -> None:
    """The broker failed between `require_queue` and the commit: nothing will run it."""
    message = _("Not started: the job queue was unreachable. Upload the file again.")
    _finish(record, ImportStatus.FAILED, errors=[RowError(None, None, message)])


def _estimated_rows(file_format: str, content: bytes) -> int:
    """For the progress bar: lines of a CSV, nothing to go on otherwise (0)."""
    return max(content.count(b"\n") - 1, 1) if file_format == "csv" else 0


def figure_import_run(record: FigureImport, content: bytes | None = None) -> FigureImport:
    """Run a recorded import (in the request, or on a worker). Never raises for a bad file:
    the problems are on the record."""
    content = bytes(record.content) if content is None else content
    update_now(record, status=ImportStatus.RUNNING, progress=0)
    try:
        with Staging() as staging:
            errors = _staged(record, staging, content)
            staging.analyse()
            errors = sorted(
                errors + _whole_file_problems(record.created_by), key=lambda error: error.row
            )
            if errors:
                return _finish(record, ImportStatus.REJECTED, errors=errors)
            update_now(record, progress=READ_SHARE + 10)
            with transaction.atomic():
                created, updated, months = _save(record)
                return _finish(
                    record,
                    ImportStatus.DONE,
                    rows_created=created,
                    rows_updated=updated,
                    months=[f"{year}-{month:02d}" for year, month in months],
                )
    except ImportRefused as refused:
        return _finish(record, ImportStatus.REJECTED, errors=refused.errors)
    except Exception:
        logger.exception("Figure import %s failed", record.pk)
        _finish(record, ImportStatus.FAILED, errors=[RowError(None, None, _failed_message())])
        raise


def _failed_message() -> str:
    return _("The import stopped on an internal error; nothing was saved. Try again later.")


def _staged(record: FigureImport, staging: Staging, content: bytes) -> list[RowError]:
    """Stage the valid rows and return the problems: a CSV on PostgreSQL through COPY
    (`figure_csv_copy`), anything else, or a CSV COPY cannot read, row by row in Python."""
    if record.file_format == "csv" and connection.vendor == "postgresql":
        copied = stage_csv(content, staging)
        if copied is not None:
            errors, record.rows_total = copied
            return errors
    return _stage(record, staging, figure_lines(record.file_format, content))


def _stage(record: FigureImport, staging: Staging, lines) -> list[RowError]:
    """Parse every row: valid rows into the staging table (checked as a whole next), the
    problems returned. The whole file is read, so that every problem is reported at once."""
    errors: list[RowError] = []
    rows_read = 0

    def valid_rows(items: Iterator) -> Iterator[FigureRow]:
        nonlocal rows_read
        for item in items:
            if type(item) is FigureRow:
                rows_read += 1
                yield item
            else:
                errors.append(item)

    items = parse_rows(lines)
    while batch := list(islice(valid_rows(items), BATCH)):
        staging.append(batch)
        if record.rows_total:
            update_now(
                record, progress=min(READ_SHARE, rows_read * READ_SHARE // record.rows_total)
            )
    record.rows_total = rows_read + len({error.row for error in errors})
    return errors


def _whole_file_problems(actor) -> list[RowError]:
    """Unknown customers (or outside the importer's units) and repeated customer-months."""
    prefix = "" if actor.sees_whole_bank else actor.org_unit.path
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT s.row_no, s.customer_number FROM {TABLE} s
            WHERE NOT EXISTS (
                SELECT 1 FROM {CUSTOMERS} c JOIN {UNITS} u ON u.id = c.unit_id
                WHERE c.number = s.customer_number AND u.path LIKE %s
            ) ORDER BY s.row_no""",
            [prefix + "%"],
        )
        # Translated once, not per row: a wrong file can have a million unknown customers.
        column = _("Customer number")
        message = _("Unknown customer %(number)s (or not one of your units' customers).")
        unknown = [
            RowError(row, column, message % {"number": number}) for row, number in cursor.fetchall()
        ]
        cursor.execute(
            f"""SELECT s.row_no, s.customer_number, s.year, s.month, d.first_row
            FROM {TABLE} s JOIN (
                SELECT customer_number, year, month, MIN(row_no) AS first_row FROM {TABLE}
                GROUP BY customer_number, year, month HAVING COUNT(*) > 1
            ) d ON d.customer_number = s.customer_number AND d.year = s.year
                AND d.month = s.month
            WHERE s.row_no > d.first_row ORDER BY s.row_no"""
        )
        message = _("%(number)s already has figures for %(month)s in row %(row)s.")
        repeated = [
            RowError(
                row,
                column,
                message % {"number": number, "month": f"{year}-{month:02d}", "row": first},
            )
            for row, number, year, month, first in cursor.fetchall()
        ]
    return sorted(unknown + repeated, key=lambda error: error.row)


def _save(record: FigureImport) -> tuple[int, int, list[tuple[int, int]]]:
    """Upsert the staged rows and roll them up; (created, replaced, months)."""
    with analytic_cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT year, month FROM {TABLE} ORDER BY year, month")
        months = [tuple(pair) for pair in cursor.fetchall()]
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")
        staged = cursor.fetchone()[0]
        created = _upsert(cursor, record)
    figure_rollups.rollup_changed()
    return created, staged - created, months


def _upsert(cursor, record: FigureImport) -> int:
    """Insert the new customer-months, replace the others; the number inserted. A row whose
    figures are unchanged is not rewritten (nor its import reference)."""
    columns = ", ".join(FIGURE_COLUMNS)
    updates = ", ".join(
        f"{column} = excluded.{column}" for column in (*FIGURE_COLUMNS, "figure_import_id")
    )
    changed = " OR ".join(
        f"f.{column} IS DISTINCT FROM excluded.{column}" for column in FIGURE_COLUMNS
    )
    upsert = f"""INSERT INTO {FIGURES} AS f (customer_id, {columns}, figure_import_id)
        SELECT c.id, {", ".join(f"s.{column}" for column in FIGURE_COLUMNS)}, %s
        FROM {TABLE} s JOIN {CUSTOMERS} c ON c.number = s.customer_number
        WHERE true
        ON CONFLICT (customer_id, year, month) DO UPDATE SET {updates} WHERE {changed}"""
    if connection.vendor == "postgresql":
        # xmax is 0 on a row version this statement inserted (not on one it updated).
        cursor.execute(
            f"""WITH written AS (
                {upsert} RETURNING f.customer_id, f.year, f.month, (f.xmax = 0) AS inserted
            ), changed AS (
                INSERT INTO {CHANGED} SELECT customer_id, year, month FROM written
            ) SELECT COUNT(*) FROM written WHERE inserted""",
            [record.pk],
        )
        return cursor.fetchone()[0]
    cursor.execute(
        f"""SELECT COUNT(*) FROM {TABLE} s JOIN {CUSTOMERS} c ON c.number = s.customer_number
        JOIN {FIGURES} f ON f.customer_id = c.id AND f.year = s.year AND f.month = s.month"""
    )
    existing = cursor.fetchone()[0]
    cursor.execute(upsert, [record.pk])
    cursor.execute(  # SQLite (the demo): every staged customer-month counts as changed
        f"""INSERT INTO {CHANGED} SELECT c.id, s.year, s.month
        FROM {TABLE} s JOIN {CUSTOMERS} c ON c.number = s.customer_number"""
    )
    cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")
    return cursor.fetchone()[0] - existing


def _finish(record: FigureImport, status: str, errors=(), **values) -> FigureImport:
    update_now(
        record,
        status=status,
        progress=100,
        finished_at=timezone.now(),
        content=None,
        rows_total=record.rows_total,
        errors=[error.as_dict() for error in reported(list(errors))],
        **values,
    )
    return record
