"""The fast path of a figure CSV on PostgreSQL (DOMAIN §3, the import's throughput goal).

PostgreSQL's COPY reads the whole file as text into a temporary table. One SQL statement
then moves every row written in the plain machine format (what bank systems export:
C0000001,2026-09,5200000.00,…) into the staging table. Only the other rows (full-width
digits, thousands separators, 2026年9月, 关注, a mistake) go through the Python parser of
`figure_files`, which normalises them or reports their problems. So the rules and the
messages stay in one place, and half a million plain rows never loop in Python.

A file COPY cannot read as plain CSV (rows of uneven width, mixed line endings) returns
None: the caller reads it with the Python path, which reports what is wrong by row.
"""

import csv
import io

import psycopg
from django.db import connection, transaction

from customers.import_cells import is_blank
from managers.import_files import MAX_COLUMNS, RowError, csv_encoding

from .figure_files import (
    COLUMN_BY_KEY,
    COLUMNS,
    FigureRow,
    Layout,
    layout_of,
    no_figures,
    parse_row,
)
from .figure_staging import TABLE as STAGING
from .figure_staging import Staging

RAW = "figure_raw"
AMOUNT = r"^[0-9]{1,12}([.][0-9]{1,2})?$"  # under FIGURE_AMOUNT_LIMIT, to the fen
PLAIN = {  # per column: a pattern whose matches the Python parser would take unchanged
    "customer_number": r"^[!-~]{1,32}$",  # printable ASCII: NFKC and strip change nothing
    "month": r"^20[0-9]{2}-(0[1-9]|1[0-2])$",
    "deposit_avg": AMOUNT,
    "loan_avg": AMOUNT,
    "settlement_usd": AMOUNT,
    "loan_class": r"^[1-5]$",
    "interest_arrears": AMOUNT,
    "overdue_days": r"^[0-9]{1,5}$",
    "advances": AMOUNT,
}
CASTS = {
    "deposit_avg": "numeric(18, 2)",
    "loan_avg": "numeric(18, 2)",
    "settlement_usd": "numeric(18, 2)",
    "loan_class": "smallint",
    "interest_arrears": "numeric(18, 2)",
    "overdue_days": "integer",
    "advances": "numeric(18, 2)",
}


def stage_csv(content: bytes, staging: Staging) -> tuple[list[RowError], int] | None:
    """Stage the valid rows of a CSV file: (the problems, the number of data rows), or None
    when COPY cannot read it."""
    encoding, data = csv_encoding(content)
    header = next(csv.reader(io.StringIO(data.decode(encoding), newline="")), None)
    if not header or len(header) > MAX_COLUMNS:
        return None
    layout = layout_of(tuple(header))
    width = len(header)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {RAW}")
        cells = ", ".join(f"c{index} text" for index in range(width))
        cursor.execute(
            f"CREATE TEMPORARY TABLE {RAW} (row_no integer GENERATED ALWAYS AS IDENTITY, {cells})"
        )
        try:
            if not _copied(cursor, data, width, "GB18030" if encoding == "gb18030" else "UTF8"):
                return None
            cursor.execute(_plain_rows_sql(layout, width))
            staged = cursor.rowcount
            errors, others = _other_rows(cursor, layout, width, staging)
        finally:
            cursor.execute(f"DROP TABLE IF EXISTS {RAW}")
    if not staged + others:
        raise no_figures()
    return errors, staged + others


def _copied(cursor, data: bytes, width: int, encoding: str) -> bool:
    names = ", ".join(f"c{index}" for index in range(width))
    try:
        statement = f"COPY {RAW} ({names}) FROM STDIN (FORMAT csv, ENCODING '{encoding}')"
        # In a savepoint: a refused COPY leaves the session usable.
        with transaction.atomic(), cursor.cursor.copy(statement) as copy:
            copy.write(data)
    except psycopg.errors.DataError:
        return False
    return True


def _cell(layout: Layout, key: str) -> str | None:
    position = layout.positions[list(COLUMN_BY_KEY).index(key)]
    return None if position is None else f"c{position}"


def _plain(layout: Layout) -> str:
    """True for a row every cell of which the Python parser would take as it is."""
    conditions = []
    for column in COLUMNS:
        cell = _cell(layout, column.key)
        if cell is None:
            continue  # absent: the default (the header check refused absent required ones)
        matches = f"COALESCE({cell} ~ '{PLAIN[column.key]}', false)"
        conditions.append(
            matches if column.required else f"({cell} IS NULL OR {cell} = '' OR {matches})"
        )
    return " AND ".join(conditions)


def _blank(width: int) -> str:
    return " AND ".join(f"COALESCE(btrim(c{index}), '') = ''" for index in range(width))


def _plain_rows_sql(layout: Layout, width: int) -> str:
    month = _cell(layout, "month")
    year_of = f"CAST(substr({month}, 1, 4) AS integer)"
    month_of = f"CAST(substr({month}, 6, 2) AS integer)"
    values = [
        "row_no",
        _cell(layout, "customer_number"),
        year_of,
        month_of,
        f"EXTRACT(DAY FROM make_date({year_of}, {month_of}, 1)"
        " + INTERVAL '1 month' - INTERVAL '1 day')",
    ]
    for key, cast in CASTS.items():
        cell = _cell(layout, key)
        default = COLUMN_BY_KEY[key].default
        fallback = "NULL" if default is None else f"'{default}'"
        values.append(
            f"CAST(COALESCE(NULLIF({cell}, ''), {fallback}) AS {cast})"
            if cell
            else f"CAST({fallback} AS {cast})"
        )
    return f"""INSERT INTO {STAGING} ({", ".join(("row_no", *FigureRow._fields[1:]))})
        SELECT {", ".join(values)} FROM {RAW}
        WHERE row_no > 1 AND {_plain(layout)}"""


def _other_rows(cursor, layout: Layout, width: int, staging: Staging) -> tuple[list[RowError], int]:
    """The non-blank rows not in the plain format, through the Python parser."""
    cells = ", ".join(f"c{index}" for index in range(width))
    cursor.execute(
        f"""SELECT row_no, {cells} FROM {RAW}
        WHERE row_no > 1 AND NOT ({_plain(layout)}) AND NOT ({_blank(width)})
        ORDER BY row_no"""
    )
    errors: list[RowError] = []
    valid: list[FigureRow] = []
    rows = 0
    for number, *values in cursor.fetchall():
        if all(is_blank(value) for value in values):
            continue  # blank to Python's eyes (e.g. ideographic spaces), as in `parse_rows`
        rows += 1
        parsed = parse_row(number, tuple(values), layout)
        if type(parsed) is FigureRow:
            valid.append(parsed)
        else:
            errors += parsed
    staging.append(valid)
    return errors, rows
