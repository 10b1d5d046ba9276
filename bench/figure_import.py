"""Importing one month of figures for the whole bank: a CSV of 500,000 rows through
`figure_import_run` (what a worker runs), in the database of `bench.evaluation` (generated
if missing), twice: first all rows new, then the same file again (every row unchanged:
nothing rewritten). Prints rows/s, the time of each phase, and PostgreSQL's own COPY of the
same file into a plain table, for reference."""

import hashlib

from bench.bank_generator import ADMIN, phases, run_in_bench_database
from bench.evaluation import report, seconds_of

YEAR, MONTH = 2027, 1  # after the generated months: the first import adds every row
TEXT_COLUMNS = {"customer_number": "text", "month": "text"}
INTEGER_COLUMNS = {"loan_class": "smallint", "overdue_days": "integer"}
CELLS = {  # SQL for each column of the template, from the customer's latest figures
    "customer_number": "number",
    "month": f"'{YEAR}-{MONTH:02d}'",
    "deposit_avg": "round(deposit_daily_avg * (0.9 + 0.2 * random())::numeric, 2)",
    "loan_avg": "loan_balance",
    "settlement_usd": "0",
    "loan_class": "CASE WHEN is_credit THEN 1 END",
    "interest_arrears": "0",
    "overdue_days": "0",
    "advances": "0",
}


def month_file() -> bytes:
    """The template's headers, then one row per customer (written by COPY … TO STDOUT)."""
    from django.db import connection

    from performance.figure_files import COLUMNS

    cells = ", ".join(CELLS[column.key] for column in COLUMNS)
    chunks = [",".join(column.header for column in COLUMNS).encode() + b"\n"]
    with connection.cursor() as cursor:
        query = f"COPY (SELECT {cells} FROM customers_customer ORDER BY id) TO STDOUT (FORMAT csv)"
        with cursor.cursor.copy(query) as copy:
            chunks.extend(bytes(chunk) for chunk in copy)
    return b"".join(chunks)


def forget_month() -> None:
    """Remove what an earlier run imported, so that the first import adds every row."""
    from performance.models import CustomerYearFigure, MonthlyFigure

    MonthlyFigure.objects.filter(year=YEAR).delete()
    CustomerYearFigure.objects.filter(year=YEAR).delete()


def import_once(content: bytes, label: str) -> float:
    from managers.models import User
    from performance import figure_imports, figure_rollups
    from performance.figure_staging import Staging
    from performance.models import FigureImport

    record = FigureImport.objects.create(
        created_by=User.objects.get(username=ADMIN),
        file_name=f"bench-{YEAR}-{MONTH:02d}.csv",
        file_format="csv",
        checksum=hashlib.sha256(content).hexdigest(),
        rows_total=content.count(b"\n") - 1,
    )
    watched = (
        (figure_imports, "_staged"),
        (Staging, "analyse"),
        (figure_imports, "_whole_file_problems"),
        (figure_imports, "_upsert"),
        (figure_rollups, "rollup_changed"),
    )
    with phases(*watched) as spent:
        seconds, record = seconds_of(lambda: figure_imports.figure_import_run(record, content))
    rows = record.rows_total
    report(
        f"figure_import_run, {label}",
        seconds,
        f"{rows / seconds:,.0f} rows/s; {record.status}: {record.rows_created:,} added, "
        f"{record.rows_updated:,} replaced, {len(record.errors)} problems",
    )
    split = {
        "read (COPY + SQL)": spent["_staged"],
        "checks": spent["analyse"] + spent["_whole_file_problems"],
        "upsert": spent["_upsert"],
        "roll-up": spent["rollup_changed"],
    }
    split["other"] = seconds - sum(split.values())
    print("    " + ", ".join(f"{name} {value:.2f} s" for name, value in split.items()))
    return seconds


def reference_copy(content: bytes) -> float:
    """PostgreSQL's COPY of the same file into a temporary table of the same columns."""
    from django.db import connection

    from performance.figure_files import COLUMNS

    columns = ", ".join(
        f"{column.key} {(TEXT_COLUMNS | INTEGER_COLUMNS).get(column.key, 'numeric(18, 2)')}"
        for column in COLUMNS
    )
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE copy_reference ({columns})")

        def copy():
            with cursor.cursor.copy("COPY copy_reference FROM STDIN (FORMAT csv, HEADER)") as c:
                c.write(content)

        seconds, _nothing = seconds_of(copy)
        cursor.execute("DROP TABLE copy_reference")
    return seconds


def main() -> None:
    if not run_in_bench_database("bench.figure_import", fresh=False):
        return
    forget_month()
    content = month_file()
    rows = content.count(b"\n") - 1
    print(f"CSV of {YEAR}-{MONTH:02d}: {rows:,} rows, {len(content) / 2**20:.1f} MiB")
    import_once(content, "first (all rows new)")
    seconds = import_once(content, "second (the same file: all rows unchanged)")
    copy = reference_copy(content)
    report("reference: COPY of the file into a temporary table", copy, f"{rows / copy:,.0f} rows/s")
    print(f"import / COPY: {seconds / copy:.1f}× (goal: ≥ 100,000 rows/s imported)")


if __name__ == "__main__":
    main()
