"""The bank of the evaluation benchmarks, in a database of its own: 5,000 account managers,
500,000 customers (15% split 0.6/0.4 between two managers, 3% handed over with a baseline),
log-normal balances and 24 months of figures (2025-01 … 2026-12: 12 million rows).

Written with set-based SQL (INSERT … SELECT over generate_series, random() after a fixed
setseed, log-normal as exp(mu + sigma · z) with z from Box–Muller), in a few minutes; the
org tree goes through treebeard and the 5,000 managers and grades through bulk_create.
PostgreSQL only. Foreign keys are not checked while generating (session_replication_role
= replica; the server's superuser runs the benchmarks): every id comes from the tables
themselves.

`run_in_bench_database(module)` gives the benchmark that database: in the first process it
creates the database and runs `module` again in a child process pointed at it; in the
child it sets up Django, migrates and generates the bank when it is missing.
"""

import calendar
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "am_office_eval_bench"
IN_CHILD = "AM_OFFICE_BENCH_CHILD"
SEED = 0.42
MANAGERS = 5_000
CUSTOMERS = 500_000
BRANCHES, SUB_BRANCHES_PER_BRANCH = 10, 10
YEARS = (2025, 2026)
ADMIN, HR = "bench-admin", "bench-hr"


@contextmanager
def timed(label: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    print(f"  {label:<56} {time.perf_counter() - started:7.2f} s", flush=True)


@contextmanager
def phases(*functions: tuple[object, str]) -> Iterator[dict[str, float]]:
    """Seconds spent in each `owner.name` (a module's function or a class's method) while
    inside, summed over calls: a wrapper swapped in and out, the code is not changed."""
    spent = {name: 0.0 for _owner, name in functions}
    originals = [(owner, name, getattr(owner, name)) for owner, name in functions]

    def timing(name, original):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started

        return wrapper

    for owner, name, original in originals:
        setattr(owner, name, timing(name, original))
    try:
        yield spent
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)


def run_in_bench_database(module: str, *, fresh: bool) -> bool:
    """True in the child process, on the bench database with Django set up and the bank
    generated. In the parent: create the database (again when `fresh` or when it holds no
    complete bank), run `module` in the child, return False."""
    if os.environ.get(IN_CHILD):
        _setup_django(generate=os.environ[IN_CHILD] == "fresh")
        return True
    import psycopg

    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        raise SystemExit("The evaluation benchmarks need PostgreSQL in DATABASE_URL.")
    bench = urlsplit(server)._replace(path=f"/{DATABASE}").geturl()
    fresh = fresh or not _bank_exists(bench)
    if fresh:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
            connection.execute(f"CREATE DATABASE {DATABASE}")
    child = {**os.environ, "DATABASE_URL": bench, IN_CHILD: "fresh" if fresh else "reuse"}
    subprocess.run([sys.executable, "-m", module], cwd=ROOT, env=child, check=True)
    return False


def _bank_exists(url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(url) as connection:
            query = "SELECT count(*) FROM customers_customer"
            return connection.execute(query).fetchone()[0] == CUSTOMERS
    except psycopg.Error:
        return False


def _setup_django(generate: bool) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    with timed("migrate"):
        call_command("migrate", verbosity=0)
    if generate:
        print(f"generating the bank in {DATABASE}:")
        with timed("all generation steps"):
            generate_bank()


def _gauss(sigma: float) -> str:
    """SQL for a normal draw of standard deviation `sigma` (Box–Muller)."""
    return f"{sigma} * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())"


def _execute(sql: str, params=None) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


# Managers still in post, numbered 0…n-1: customer g is held by number (g - 1) mod n, and
# shared with, or handed over to, the next one (mostly of the same sub-branch).
HOLDERS = """
    holders AS (
        SELECT id, unit_id, row_number() OVER (ORDER BY id) - 1 AS k
        FROM managers_accountmanager WHERE status <> 'exited'
    ),
    total AS (SELECT count(*) AS n FROM holders)
"""


def _org_tree() -> tuple:
    """The head office, and its sub-branches (under ten branches)."""
    from managers.choices import OrgUnitKind
    from managers.models import OrgUnit

    units = OrgUnit.objects
    head = units.add_root({"code": "900000", "name": "总行", "kind": OrgUnitKind.HEAD_OFFICE})
    sub_branches = []
    for b in range(1, BRANCHES + 1):
        branch = units.add_child(
            head, {"code": f"9{b:02d}000", "name": f"第{b}分行", "kind": OrgUnitKind.BRANCH}
        )
        for s in range(1, SUB_BRANCHES_PER_BRANCH + 1):
            sub = {"code": f"9{b:02d}{s:03d}", "name": f"第{b}分行第{s}支行"}
            sub_branches.append(units.add_child(branch, sub | {"kind": OrgUnitKind.SUB_BRANCH}))
    return head, sub_branches


def _people(head, sub_branches: list, rng: random.Random) -> dict:
    """Two logins at head office (an administrator, HR) and the account managers, 50 per
    sub-branch."""
    from managers.choices import Role
    from managers.demo import make_manager
    from managers.models import AccountManager, User

    logins = {
        name: User.objects.create(username=name, role=role, org_unit=head, is_superuser=admin)
        for name, role, admin in ((ADMIN, Role.ADMIN, True), (HR, Role.HR, False))
    }
    per_unit = MANAGERS // len(sub_branches)
    managers = [
        make_manager(rng, number + 1, sub_branches[number // per_unit])
        for number in range(MANAGERS)
    ]
    AccountManager.objects.bulk_create(managers, batch_size=2_000)
    return logins


def _grades(logins: dict, rng: random.Random) -> None:
    """One approved appointment per manager in post: trainees on the trainee grade, the
    others on L4…senior (fewer the higher); each manager's current appointment."""
    from django.utils import timezone

    from managers.choices import GradeChangeKind, GradeChangeStatus, ManagerStatus
    from managers.models import AccountManager, GradeAppointment, GradeChange, GradeLevel

    levels = list(GradeLevel.objects.filter(scheme__is_active=True).order_by("rank"))
    trainee, graded = levels[0], levels[1:]
    changes, appointments = [], []
    for manager in AccountManager.objects.exclude(status=ManagerStatus.EXITED).order_by("pk"):
        is_trainee = manager.status == ManagerStatus.TRAINEE
        level = trainee if is_trainee else rng.choices(graded, [30, 30, 20, 12, 8])[0]
        start = manager.marketing_since if is_trainee else date(2026, 1, 1)
        change = GradeChange(
            manager=manager,
            kind=GradeChangeKind.APPOINT,
            to_level=level,
            effective_date=start,
            reason="基准测试聘任。",
            status=GradeChangeStatus.APPROVED,
            authority=level.approval_authority,
            proposed_by=logins[HR],
            decided_by=logins[ADMIN],
            decided_at=timezone.make_aware(datetime(2025, 12, 20, 10)),
        )
        changes.append(change)
        appointments.append(
            GradeAppointment(
                manager=manager,
                level=level,
                start_date=start,
                end_date=start + timedelta(days=364),
                change=change,
            )
        )
    GradeChange.objects.bulk_create(changes, batch_size=2_000)
    for appointment in appointments:
        appointment.change_id = appointment.change.pk
    GradeAppointment.objects.bulk_create(appointments, batch_size=2_000)
    _execute(
        """UPDATE managers_accountmanager m SET current_appointment_id = a.id
        FROM managers_gradeappointment a WHERE a.manager_id = m.id"""
    )


def _customers() -> int:
    """60% corporate (median deposits 50万), 40% personal (5万), σ = 1.4; credit customers
    (30% of corporate, 10% of personal) with loans of median 100万, σ = 1.2."""
    return _execute(
        f"""WITH {HOLDERS},
        drawn AS (
            SELECT g, random() < 0.6 AS corporate, random() AS credit_roll, random() AS u,
                {_gauss(1.4)} AS deposit_z, {_gauss(1.2)} AS loan_z
            FROM generate_series(1, %(customers)s) g
        ),
        typed AS (
            SELECT *, credit_roll < CASE WHEN corporate THEN 0.3 ELSE 0.1 END AS credit
            FROM drawn
        )
        INSERT INTO customers_customer (number, name, kind, is_credit, unit_id, opened_on,
            has_basic_account, source, tier, contact_person, id_number, phone,
            deposit_daily_avg, loan_balance)
        SELECT 'B' || lpad(g::text, 9, '0'),
            CASE WHEN corporate THEN '测试企业' ELSE '测试个人' END || g,
            CASE WHEN corporate THEN 'corporate' ELSE 'personal' END,
            credit, h.unit_id, date '2026-12-31' - (60 + floor(u * 5400))::int,
            corporate AND u < 0.5, 'natural', '', '', '', '',
            round(exp(ln(CASE WHEN corporate THEN 500000 ELSE 50000 END) + deposit_z)::numeric,
                2),
            CASE WHEN credit THEN round(exp(ln(1000000) + loan_z)::numeric, 2) ELSE 0 END
        FROM typed JOIN holders h ON h.k = mod(g - 1, (SELECT n FROM total))
        ORDER BY g""",
        {"customers": CUSTOMERS},
    )


def _assignments(logins: dict) -> int:
    """85% held whole by one manager; 15% split 0.6/0.4 with the next; 3% (g mod 100 in
    15…17) handed over to the next on 2026-07-01 with a baseline of 80% of the deposits:
    the former holder keeps it (basis baseline), the new one gets 60% of the increase."""
    return _execute(
        f"""WITH {HOLDERS},
        held AS (
            SELECT c.id AS customer_id, round(c.deposit_daily_avg * 0.8, 2) AS baseline,
                CASE WHEN mod(c.g, 100) < 15 THEN 'split'
                    WHEN mod(c.g, 100) < 18 THEN 'handed' ELSE 'single' END AS kind,
                first.id AS first, second.id AS second
            FROM (SELECT id, deposit_daily_avg, substr(number, 2)::int AS g
                FROM customers_customer) c
            JOIN holders first ON first.k = mod(c.g - 1, (SELECT n FROM total))
            JOIN holders second ON second.k = mod(c.g, (SELECT n FROM total))
        )
        INSERT INTO customers_assignment (customer_id, manager_id, credit_share, basis,
            baseline_deposit_avg, start_date, end_date, created_by_id)
        SELECT h.customer_id, a.manager_id, a.share, a.basis, a.baseline, a.start_date,
            a.end_date, %(by)s
        FROM held h CROSS JOIN LATERAL (VALUES
            ('single', h.first, 1.0, 'whole', NULL::numeric, date '2024-01-01', NULL::date),
            ('split', h.first, 0.6, 'whole', NULL, date '2024-01-01', NULL),
            ('split', h.second, 0.4, 'whole', NULL, date '2024-01-01', NULL),
            ('handed', h.first, 1.0, 'whole', NULL, date '2024-01-01', date '2026-06-30'),
            ('handed', h.first, 1.0, 'baseline', h.baseline, date '2026-07-01', NULL),
            ('handed', h.second, 0.6, 'increase', h.baseline, date '2026-07-01', NULL)
        ) a(kind, manager_id, share, basis, baseline, start_date, end_date)
        WHERE a.kind = h.kind
        ORDER BY h.customer_id""",
        {"by": logins[HR].pk},
    )


def _figures(logins: dict) -> int:
    """Every customer × 24 months, in customer order (the unique index grows at its end):
    the customer's balances with monthly noise (σ = 0.08 deposits, 0.03 loans), 2025 lower
    by a growth of −10%…+30% per customer; a few non-performing (class 3 from 2026-07),
    in arrears (2026-05), with an advance (2025-11); 10% of corporates settle abroad."""
    from django.utils import timezone

    from performance.models import FigureImport, ImportStatus

    record = FigureImport.objects.create(
        created_by=logins[ADMIN],
        file_name="bench",
        file_format="csv",
        checksum="0" * 64,
        status=ImportStatus.DONE,
        progress=100,
        finished_at=timezone.now(),
        months=[f"{year}-{month:02d}" for year in YEARS for month in range(1, 13)],
    )
    months = ", ".join(
        f"({year}, {month}, {calendar.monthrange(year, month)[1]})"
        for year in YEARS
        for month in range(1, 13)
    )
    arrears = "c.in_arrears AND m.year = 2026 AND m.month = 5"
    written = _execute(
        f"""INSERT INTO performance_monthlyfigure (customer_id, year, month, days, deposit_avg,
            loan_avg, settlement_usd, loan_class, interest_arrears, overdue_days, advances,
            figure_import_id)
        SELECT c.id, m.year, m.month, m.days,
            round((c.deposit_daily_avg * CASE WHEN m.year = {YEARS[0]}
                THEN 1 / (1 + c.growth) ELSE 1 END * exp({_gauss(0.08)}))::numeric, 2),
            round((c.loan_balance * exp({_gauss(0.03)}))::numeric, 2),
            CASE WHEN c.settles
                THEN round((c.deposit_daily_avg * 0.002 * exp({_gauss(0.5)}))::numeric, 2)
                ELSE 0 END,
            CASE WHEN c.is_credit THEN CASE WHEN c.troubled AND m.year = 2026 AND m.month >= 7
                THEN 3 ELSE 1 END END,
            CASE WHEN {arrears} THEN round(c.loan_balance * 0.004, 2) ELSE 0 END,
            CASE WHEN {arrears} THEN 30 ELSE 0 END,
            CASE WHEN c.advanced AND m.year = 2025 AND m.month = 11
                THEN round(c.loan_balance * 0.1, 2) ELSE 0 END,
            %(import_id)s
        FROM (SELECT id, deposit_daily_avg, loan_balance, is_credit,
                mod(id * 7919, 41) / 100.0 - 0.10 AS growth,
                kind = 'corporate' AND mod(id, 10) = 3 AS settles,
                is_credit AND mod(id, 211) = 0 AS troubled,
                is_credit AND mod(id, 257) = 1 AS in_arrears,
                is_credit AND mod(id, 401) = 2 AS advanced
            FROM customers_customer) c
        CROSS JOIN (VALUES {months}) m(year, month, days)
        ORDER BY c.id, m.year, m.month""",
        {"import_id": record.pk},
    )
    FigureImport.objects.filter(pk=record.pk).update(rows_total=written, rows_created=written)
    return written


def _targets() -> int:
    """R-JNL-2: 15% above each manager's whole-basis book, every month of 2026."""
    return _execute(
        """INSERT INTO performance_monthlytarget (manager_id, year, month, deposit_avg)
        SELECT a.manager_id, 2026, month,
            round(sum(a.credit_share * c.deposit_daily_avg) * 1.15, -4)
        FROM customers_assignment a JOIN customers_customer c ON c.id = a.customer_id
        CROSS JOIN generate_series(1, 12) month
        WHERE a.end_date IS NULL AND a.basis = 'whole'
        GROUP BY a.manager_id, month"""
    )


def generate_bank() -> None:
    from performance.figure_rollups import rollup_all

    rng = random.Random("bench-evaluation")
    _execute("SET session_replication_role = replica")
    _execute("SET work_mem = '256MB'")  # for generating only: the runs measured use the default
    _execute("SELECT setseed(%s)", [SEED])
    with timed("org tree (1 head office, 10 branches, 100 sub-branches)"):
        head, sub_branches = _org_tree()
    with timed(f"{MANAGERS:,} account managers (bulk_create)"):
        logins = _people(head, sub_branches, rng)
    with timed("grade changes and appointments (bulk_create)"):
        _grades(logins, rng)
    with timed(f"{CUSTOMERS:,} customers (INSERT … SELECT)"):
        _customers()
    with timed("assignments (INSERT … SELECT)"):
        print(f"    {_assignments(logins):,} assignments")
    with timed("monthly figures (INSERT … SELECT)"):
        print(f"    {_figures(logins):,} monthly figures")
    with timed("monthly targets of 2026"):
        _targets()
    _execute("SET session_replication_role = origin")
    with timed("roll-ups: rollup_all([2025, 2026])"):
        rollup_all(list(YEARS))
    with timed("VACUUM ANALYZE"):
        _execute("VACUUM ANALYZE")
    _execute("RESET work_mem")
