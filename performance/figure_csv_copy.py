"""The fast path of a figure CSV on PostgreSQL (DOMAIN §3, the import's throughput goal).

PostgreSQL's COPY reads the whole file into a temporary table whose amount columns are
already numeric(18, 2) and whose loan class is a number: a file whose every cell reads
so is parsed by PostgreSQL itself. One SQL statement then moves every row that needs no
further word from the Python parser (amounts 0 to under a trillion, a 2000–2099 month
written YYYY-MM, a plain ASCII customer number, a class 1–5, whole days) into the
staging table. The few other rows (a negative amount, class 6, …) go through the Python
parser of `figure_files`, which reports their problems. So the rules and the messages stay
in one place, and half a million machine-written rows never loop in Python.

A file COPY cannot read this way (text in an amount such as 1,200.00 or 关注, rows of
uneven width, mixed line endings) returns None: the caller reads it with the Python
path, row by row, which accepts what people write and reports what is wrong by row.
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
LIMIT = "1000000000000"  # FIGURE_AMOUNT_LIMIT, a trillion yuan
DIGITS = "0123456789"
# Python's str.strip() removes these ASCII characters from a customer number's ends.
ASCII_SPACE = "E' \\t\\n\\r\\x0b\\x0c\\x1c\\x1d\\x1e\\x1f'"
TYPES = {  # how COPY reads each known column; any other column is text
    "deposit_avg": "numeric(18, 2)",
    "loan_avg": "numeric(18, 2)",
    "settlement_usd": "numeric(18, 2)",
    "loan_class": "smallint",
    "interest_arrears": "numeric(18, 2)",
    "advances": "numeric(18, 2)",
}


def _takes_as_is(key: str, cell: str) -> str:
    """SQL true when the Python parser would take this (non-empty) cell unchanged."""
    if key == "customer_number":  # printable ASCII, no space at either end: NFKC keeps it
        return (
            f"(octet_length({cell}) = length({cell}) AND length({cell}) <= 32"
            f" AND btrim({cell}, {ASCII_SPACE}) = {cell} AND {cell} <> '')"
        )
    if key == "month":
        return (
            f"(length({cell}) = 7 AND translate({cell}, '{DIGITS}', '') = '-'"
            f" AND substr({cell}, 5, 1) = '-' AND substr({cell}, 1, 2) = '20'"
            f" AND substr({cell}, 6, 2) BETWEEN '01' AND '12')"
        )
    if key == "loan_class":
        return f"({cell} BETWEEN 1 AND 5)"
    if key == "overdue_days":
        return f"(length({cell}) <= 5 AND translate({cell}, '{DIGITS}', '') = '')"
    return f"({cell} >= 0 AND {cell} < {LIMIT})"  # amounts; NaN sorts above every number


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
        cells = ", ".join(f"c{index} {_type(layout, index)}" for index in range(width))
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
        options = f"FORMAT csv, HEADER true, ENCODING '{encoding}'"
        statement = f"COPY {RAW} ({names}) FROM STDIN ({options})"
        # In a savepoint: a refused COPY leaves the session usable.
        with transaction.atomic(), cursor.cursor.copy(statement) as copy:
            copy.write(data)
    except psycopg.errors.DataError:
        return False
    return True


def _type(layout: Layout, index: int) -> str:
    for column, position in zip(COLUMNS, layout.positions, strict=True):
        if position == index:
            return TYPES.get(column.key, "text")
    return "text"


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
        takes = f"COALESCE({_takes_as_is(column.key, cell)}, false)"
        empty = f"{cell} IS NULL" + ("" if column.key in TYPES else f" OR {cell} = ''")
        conditions.append(takes if column.required else f"({empty} OR {takes})")
    return " AND ".join(conditions)


def _blank(width: int) -> str:
    return " AND ".join(
        f"COALESCE(btrim(CAST(c{index} AS text)), '') = ''" for index in range(width)
    )


def _plain_rows_sql(layout: Layout, width: int) -> str:
    month = _cell(layout, "month")
    year_of = f"CAST(substr({month}, 1, 4) AS integer)"
    month_of = f"CAST(substr({month}, 6, 2) AS integer)"
    values = [
        "row_no + 1",  # the header, skipped by COPY, is row 1
        _cell(layout, "customer_number"),
        year_of,
        month_of,
        f"EXTRACT(DAY FROM make_date({year_of}, {month_of}, 1)"
        " + INTERVAL '1 month' - INTERVAL '1 day')",
    ]
    values += [_value(layout, key) for key in FigureRow._fields[5:]]
    return f"""INSERT INTO {STAGING} ({", ".join(("row_no", *FigureRow._fields[1:]))})
        SELECT {", ".join(values)} FROM {RAW}
        WHERE {_plain(layout)}"""


def _value(layout: Layout, key: str) -> str:
    """A column's value for the staging table, or its default when empty or absent."""
    cell = _cell(layout, key)
    default = COLUMN_BY_KEY[key].default
    fallback = "NULL" if default is None else str(default)
    if cell is None:
        return fallback
    if key == "overdue_days":  # read as text: COPY would take "+5", the parser does not
        return f"CAST(COALESCE(NULLIF({cell}, ''), '{fallback}') AS integer)"
    return f"COALESCE({cell}, {fallback})"


def _other_rows(cursor, layout: Layout, width: int, staging: Staging) -> tuple[list[RowError], int]:
    """The non-blank rows not staged by `_plain_rows_sql` (which runs first), back as
    text, through the Python parser (-5 comes back as -5.00: the same message)."""
    cells = ", ".join(f"CAST(c{index} AS text)" for index in range(width))
    cursor.execute(
        f"""SELECT row_no + 1, {cells} FROM {RAW} r
        WHERE NOT ({_blank(width)})
            AND NOT EXISTS (SELECT 1 FROM {STAGING} s WHERE s.row_no = r.row_no + 1)
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
