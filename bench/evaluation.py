"""Whole-bank evaluation at bank scale: 5,000 account managers, 500,000 customers, 12
million monthly figures, in a database of its own (`bench.bank_generator`).

Prints the time of a bare scan of the figures, the engine's query alone
(`evaluation_sql.manager_sums`), the whole evaluation of 2026Q3 (the first ever) and of
2026Q4 (the next quarter, then again), their phases,
the ratio to the scan (goal ≤ 3×), the results written and the peak memory; and the plan
of the engine's statement when the goal is missed.
"""

import resource
import time
import tracemalloc

from bench.bank_generator import phases, run_in_bench_database, timed

YEAR, QUARTER = 2026, 4
GOAL = 3
# The generated customers have no tier yet: the first evaluation ever writes 300,000 of
# them. A bank then evaluates quarter after quarter, rewriting the tiers that moved.
RUNS = (
    (QUARTER - 1, "first ever, every tier written"),
    (QUARTER, "the next quarter"),
    (QUARTER, "the same again"),
)


def seconds_of(call) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def report(label: str, seconds: float, more: str = "") -> None:
    print(f"{label:<52} {seconds:7.2f} s  {more}".rstrip(), flush=True)


def _max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_scan() -> float:
    from django.db import connection

    def scan():
        with connection.cursor() as cursor:
            cursor.execute("SELECT sum(deposit_avg), count(*) FROM performance_monthlyfigure")
            return cursor.fetchone()

    scan()
    seconds, (_total, rows) = seconds_of(scan)
    report(f"bare scan of {rows:,} figures (warm)", seconds)
    return seconds


def _floors(year: int) -> list:
    from decimal import Decimal

    from performance import rule_sets

    rule_set = rule_sets.rule_set_in_force(year)
    criteria = rule_sets.criteria_of(rule_set)
    return [grade.customer_floor for grade in criteria] + [
        rule_set.minimum_line().customer_min,
        Decimal(0),
    ]


def engine_query() -> None:
    from performance import evaluation_sql

    floors = _floors(YEAR)
    for run in ("cold", "warm"):
        seconds, sums = seconds_of(lambda: evaluation_sql.manager_sums(YEAR, QUARTER, "", floors))
        report(f"evaluation_sql.manager_sums alone ({run})", seconds, f"{len(sums):,} managers")


def evaluate(quarter: int = QUARTER) -> tuple[float, object, dict[str, float]]:
    """One run of the whole-bank evaluation: seconds, the evaluation, seconds per phase."""
    from django.utils import timezone

    from performance import evaluation_sql, evaluations
    from performance.models import Evaluation

    evaluation, _created = Evaluation.objects.get_or_create(
        year=YEAR, quarter=quarter, scope_path="", defaults={"requested_at": timezone.now()}
    )
    watched = (
        (evaluation_sql, "manager_sums"),
        (evaluations, "_compute"),
        (evaluations, "_save"),
        (evaluations, "assess_customer_tiers"),
    )
    with phases(*watched) as spent:
        seconds, evaluation = seconds_of(lambda: evaluations.evaluation_run(evaluation))
    split = {
        "engine query": spent["manager_sums"],
        "rules in Python": spent["_compute"] - spent["manager_sums"],
        "saving results": spent["_save"] - spent["assess_customer_tiers"],
        "customer tiers": spent["assess_customer_tiers"],
    }
    return seconds, evaluation, split


def explain() -> None:
    """EXPLAIN ANALYZE of the statement `manager_sums` runs, as it ran."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from performance import evaluation_sql

    with CaptureQueriesContext(connection) as queries:
        evaluation_sql.manager_sums(YEAR, QUARTER, "", _floors(YEAR))
    with connection.cursor() as cursor:
        statement = next(q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"])
        cursor.execute("SET jit = off")
        cursor.execute("SET work_mem = '256MB'")  # as `analytic_cursor` runs it
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement)
        print("\n".join(f"    {line}" for (line,) in cursor.fetchall()))


def main() -> None:
    if not run_in_bench_database("bench.evaluation", fresh=True):
        return
    from performance.models import EvaluationResult

    scan = bare_scan()
    engine_query()
    before = _max_rss_mib()
    for quarter, run in RUNS:
        seconds, evaluation, split = evaluate(quarter)
        written = EvaluationResult.objects.filter(evaluation=evaluation).count()
        report(
            f"evaluation {evaluation.period}, whole bank: {run}",
            seconds,
            f"= {seconds / scan:.1f}× the scan (goal ≤ {GOAL}×), {written:,} results,"
            f" {evaluation.status}",
        )
        print("    " + ", ".join(f"{name} {value:.2f} s" for name, value in split.items()))
    print(f"peak RSS of the process: {before:.0f} MiB before, {_max_rss_mib():.0f} MiB after")
    tracemalloc.start()
    evaluate()
    peak = tracemalloc.get_traced_memory()[1]
    print(f"tracemalloc peak of one evaluation (a third run): {peak / 2**20:.0f} MiB")
    tracemalloc.stop()
    if seconds > GOAL * scan:
        with timed("manager_sums again, and EXPLAIN ANALYZE of its statement"):
            explain()


if __name__ == "__main__":
    main()
