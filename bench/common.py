"""Shared set-up for the benchmarks: Django on the database in DATABASE_URL, the demo bank
at bench size, and a timer that prints figures (benchmarks report; they do not assert)."""

import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from managers import demo

    if not demo.is_seeded():  # the whole demo bank: customers, figures, evaluations, loans
        started = time.perf_counter()
        call_command("seed_demo", size="bench", stdout=io.StringIO())
        print(f"seed_demo --size bench: {time.perf_counter() - started:.1f} s")


def time_calls(label: str, call, repeat: int = 20) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm-up
    durations = []
    with CaptureQueriesContext(connection) as queries:
        for _ in range(repeat):
            started = time.perf_counter()
            call()
            durations.append((time.perf_counter() - started) * 1000)
    per_call = len(queries.captured_queries) // repeat
    print(
        f"{label:<54} median {statistics.median(durations):7.1f} ms"
        f"   p95 {sorted(durations)[int(repeat * 0.95) - 1]:7.1f} ms   {per_call} queries"
    )
