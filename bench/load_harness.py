"""The load test's machinery (issue #9), shared by tests/load/test_load.py and bench/load.py:
the simulated people's logins, the application served by gunicorn (as in production) on a
free loopback port, and one bounded headless locust run (bench/locustfile.py) whose
figures per endpoint are read back from locust's CSV files.

Traffic goes to 127.0.0.1 only, and the run stops by itself after `seconds`.
"""

import csv
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCUSTFILE = ROOT / "bench" / "locustfile.py"
USERS = 20  # simulated people at once
RUN_SECONDS = 60
WORKERS = 3  # gunicorn worker processes, as the Dockerfile runs production
PASSWORD = "load-test-pass-2026"  # a test login's, not a secret
PREFIX = "load-"
HEAD = f"{PREFIX}head"


@dataclass
class Cast:
    """Logins of the simulated people: the unit head whose dashboard is loaded, one
    account manager per simulated manager, one integration token per simulated client."""

    head: str
    account_managers: list[str]
    tokens: list[str]


@dataclass
class Endpoint:
    name: str
    requests: int
    failures: int
    p50_ms: float
    p95_ms: float
    per_second: float


@dataclass
class Results:
    endpoints: dict[str, Endpoint]
    failures: list[str] = field(default_factory=list)  # "method name: error ×count"
    output: str = ""  # what locust printed

    def table(self) -> str:
        heads = ("requests", "failures", "p50 ms", "p95 ms", "req/s")
        lines = [f"{'endpoint':<30} " + " ".join(f"{h:>8}" for h in heads)]
        for e in self.endpoints.values():
            lines.append(
                f"{e.name:<30} {e.requests:>8} {e.failures:>8} {e.p50_ms:>8.0f} {e.p95_ms:>8.0f}"
                f" {e.per_second:>8.1f}"
            )
        return "\n".join(lines)


def build_cast(unit, people: int = USERS) -> Cast:
    """The logins of the load in `unit` (a sub-branch), made once with bulk writes: a unit
    head, `people` account managers (new records with no journal yet, each with a login)
    and `people` integration clients of the branch above, each with its own token — the
    production throttle (API_TOKEN_THROTTLE_RATE per token) applies unchanged. A later
    call reuses them and removes the journals the previous load submitted, so that every
    day can be submitted again."""
    from django.contrib.auth.hashers import make_password
    from rest_framework.authtoken.models import Token
    from simple_history.utils import bulk_create_with_history

    from managers.choices import ManagerLine, Role
    from managers.models import AccountManager, OrgUnit, User, WorkJournal

    am_names = [f"{PREFIX}am-{n:02d}" for n in range(1, people + 1)]
    api_names = [f"{PREFIX}api-{n:02d}" for n in range(1, people + 1)]
    if not User.objects.filter(username=HEAD).exists():
        logins = [User(username=HEAD, role=Role.UNIT_HEAD, org_unit=unit, last_name="负载")]
        logins += [User(username=n, role=Role.ACCOUNT_MANAGER, org_unit=unit) for n in am_names]
        branch = OrgUnit.objects.get_parent(
            unit
        )  # integrations read the whole branch, as the demo's `api`
        logins += [User(username=n, role=Role.INTEGRATION, org_unit=branch) for n in api_names]
        logins = {u.username: u for u in bulk_create_with_history(logins, User)}
        managers = [
            AccountManager(
                employee_number=f"LOAD{n:04d}",
                name=f"负载经理{n}",
                line=ManagerLine.CORPORATE,
                unit=unit,
                user=logins[name],
                hire_date=date(2020, 1, 2),
                marketing_since=date(2020, 1, 2),
            )
            for n, name in enumerate(am_names, start=1)
        ]
        bulk_create_with_history(managers, AccountManager)
        Token.objects.bulk_create(
            Token(user=logins[name], key=Token.generate_key()) for name in api_names
        )
    # One hash for all (their password is the same), with the caller's hasher.
    User.objects.filter(username__in=[HEAD, *am_names]).update(password=make_password(PASSWORD))
    WorkJournal.objects.filter(manager__user__username__in=am_names).delete()
    tokens = dict(
        Token.objects.filter(user__username__in=api_names).values_list("user__username", "key")
    )
    return Cast(head=HEAD, account_managers=am_names, tokens=[tokens[n] for n in api_names])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    """The URL of the database this process uses (the test database inside a test)."""
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise RuntimeError("The load test serves PostgreSQL: run it with `make test`/`make bench`.")
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _wait_until_up(url: str, server: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped at start-up:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/healthz/", timeout=5) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise RuntimeError(
        f"gunicorn did not answer within {timeout:.0f} s:\n{log.read_text()[-3000:]}"
    )


@contextmanager
def served(log: Path, *, workers: int = WORKERS) -> Iterator[str]:
    """The application under gunicorn on a free loopback port, on this process's database,
    with production's settings (DEBUG off; see bench/load_settings.py). Yields its URL."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "DATABASE_URL": _database_url(),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_COOKIES": "0",  # plain HTTP on loopback
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "LOAD_CACHE_PREFIX": f"load-{secrets.token_hex(4)}",
    }
    command = [
        *(sys.executable, "-m", "gunicorn", "config.wsgi:application"),
        *("--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "120"),
    ]
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def run_locust(
    url: str, cast: Cast, out_dir: Path, *, users: int = USERS, seconds: int = RUN_SECONDS
) -> Results:
    """One headless locust run of `users` people for `seconds` against `url`; locust runs
    in a process of its own (its gevent must not patch the caller's threads and sockets)."""
    prefix = out_dir / "locust"
    env = os.environ | {
        "LOAD_PASSWORD": PASSWORD,
        "LOAD_HEAD": cast.head,
        "LOAD_ACCOUNT_MANAGERS": ",".join(cast.account_managers),
        "LOAD_API_TOKENS": ",".join(cast.tokens),
    }
    command = [
        *(sys.executable, "-m", "locust", "--headless", "--locustfile", str(LOCUSTFILE)),
        *("--host", url, "--users", str(users), "--spawn-rate", str(users)),
        *("--run-time", f"{seconds}s", "--stop-timeout", "10", "--csv", str(prefix)),
        *("--only-summary", "--loglevel", "WARNING"),
    ]
    finished = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=seconds + 120
    )
    output = finished.stdout + finished.stderr
    if finished.returncode not in (0, 1):  # 1: some requests failed, read below
        raise RuntimeError(f"locust exited with {finished.returncode}:\n{output[-3000:]}")
    return read_results(prefix, output)


def read_results(prefix: Path, output: str = "") -> Results:
    endpoints = {}
    with open(f"{prefix}_stats.csv", newline="") as stats:
        for row in csv.DictReader(stats):
            # The locustfile names each request "METHOD path"; the last row sums them all.
            name = "all requests" if row["Name"] == "Aggregated" else row["Name"]
            endpoints[name] = Endpoint(
                name=name,
                requests=int(row["Request Count"]),
                failures=int(row["Failure Count"]),
                p50_ms=float(row["50%"]),
                p95_ms=float(row["95%"]),
                per_second=float(row["Requests/s"]),
            )
    failures = []
    with open(f"{prefix}_failures.csv", newline="") as rows:
        for row in csv.DictReader(rows):
            failures.append(f"{row['Name']}: {row['Error']} ×{row['Occurrences']}")
    with open(f"{prefix}_exceptions.csv", newline="") as rows:
        for row in csv.DictReader(rows):
            failures.append(f"exception ×{row['Count']}: {row['Message']} at {row['Traceback']}")
    return Results(endpoints=endpoints, failures=failures, output=output)
