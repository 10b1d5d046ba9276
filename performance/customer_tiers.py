"""R-CUS-5: customer tiers assessed by an evaluation. A read-only statement (which
PostgreSQL runs in parallel, unlike an UPDATE) finds the customers whose tier changes;
one UPDATE then rewrites only those: quarter after quarter, a few."""

from datetime import date
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from customers.choices import CustomerKind
from customers.models import Customer

from .analytic_sql import analytic_cursor
from .evaluation_sql import MONTH_DAYS, ROLLUPS, days_in, in_scope, quarter_end, rounded_fen
from .models import Evaluation

HISTORY_BATCH = 10_000  # ids per statement, under SQLite's and PostgreSQL's limits


def assess_customer_tiers(evaluation: Evaluation) -> None:
    """The corporate customers of the scope with figures this year: standard deposits =
    year-to-date daily-average deposits + loans (fee income is not imported: its coefficient
    is taken as 0); non-performing in the year → bronze; not assessed (empty) before the
    months of relationship the rule set asks."""
    tiers = evaluation.rules_used["customer_tiers"]
    year, quarter = evaluation.year, evaluation.quarter
    quarters = range(1, quarter + 1)
    days = days_in(year, range(1, 3 * quarter + 1))
    deposit_days = " + ".join(f"r.deposit_days_q{q}" for q in quarters)
    loan_days = " + ".join(f"r.loan_days_q{q}" for q in quarters)
    standard = f"{rounded_fen(deposit_days, days)} + {rounded_fen(loan_days, days)}"  # fen
    non_performing = " OR ".join(f"r.non_performing_q{q}" for q in quarters)
    relationship_from = months_before(
        quarter_end(year, quarter), int(tiers["min_relationship_months"])
    )
    customers = Customer._meta.db_table
    with analytic_cursor() as cursor:
        cursor.execute(
            f"""SELECT id, tier FROM (
                SELECT c.id, c.tier AS old_tier, CASE
                    WHEN c.opened_on > %(relationship_from)s THEN ''
                    WHEN {non_performing} THEN 'bronze'
                    WHEN {standard} >= %(diamond)s THEN 'diamond'
                    WHEN {standard} >= %(platinum)s THEN 'platinum'
                    WHEN {standard} >= %(gold)s THEN 'gold'
                    WHEN {standard} >= %(silver)s THEN 'silver'
                    ELSE 'bronze' END AS tier
                FROM {customers} c
                JOIN {ROLLUPS} r ON r.customer_id = c.id AND r.year = %(year)s
                WHERE c.kind = %(corporate)s {in_scope("c.unit_id", evaluation.scope_path)}
            ) assessed
            WHERE tier <> old_tier""",
            {
                "relationship_from": relationship_from,
                **{
                    tier: int(Decimal(tiers[f"{tier}_min"]) * 100)  # fen
                    for tier in ("diamond", "platinum", "gold", "silver")
                },
                "year": year,
                "corporate": CustomerKind.CORPORATE,
                "scope": evaluation.scope_path + "%",
            },
        )
        changed = cursor.fetchall()
        _write_tiers(cursor, changed)
        _record_history(cursor, evaluation, changed)


def _write_tiers(cursor, changed: list[tuple[int, str]]) -> None:
    """One UPDATE joined to the changed (id, tier) pairs; row by row on SQLite (the demo)."""
    customers = Customer._meta.db_table
    if connection.vendor != "postgresql":
        cursor.executemany(
            f"UPDATE {customers} SET tier = %s WHERE id = %s", [(t, i) for i, t in changed]
        )
    elif changed:
        ids, tiers = zip(*changed, strict=True)
        cursor.execute(
            f"""UPDATE {customers} c SET tier = v.tier
            FROM unnest(%s::bigint[], %s::text[]) AS v(id, tier) WHERE c.id = v.id""",
            [list(ids), list(tiers)],
        )


def _record_history(cursor, evaluation: Evaluation, changed: list[tuple[int, str]]) -> None:
    """The raw UPDATE writes no django-simple-history row: one "~" row per customer whose
    tier changed, by whoever asked for the evaluation (nobody for the scheduled run), so
    that the customer's history shows the old and the new tier (issue #9 audit). Copied
    set-based from the updated rows: a first evaluation re-tiers hundreds of thousands."""
    customers = Customer._meta.db_table
    columns = ", ".join(field.column for field in Customer._meta.concrete_fields)
    insert = f"""INSERT INTO {Customer.history.model._meta.db_table}
        ({columns}, history_date, history_type, history_user_id, history_change_reason)
        SELECT {columns}, %s, '~', %s, %s FROM {customers} WHERE id IN """
    values = [
        timezone.now(),
        evaluation.requested_by_id,
        f"tier assessed by evaluation {evaluation.pk} (R-CUS-5)",
    ]
    ids = [pk for pk, _tier in changed]
    for start in range(0, len(ids), HISTORY_BATCH):
        batch = ids[start : start + HISTORY_BATCH]
        cursor.execute(f"{insert}({', '.join(['%s'] * len(batch))})", [*values, *batch])


def months_before(day: date, months: int) -> date:
    """The day `months` months before `day` (clamped to the month's end)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = MONTH_DAYS.get((year, month + 1), 28)
    return date(year, month + 1, min(day.day, last))
