"""Private servers for the fault tests: a Redis and a PostgreSQL cluster of their own, which
a test may stop and restart (the suite's shared ones, from scripts/with-test-services, must
stay up for every other test), and the application's own processes on top of them: the web
server (gunicorn, as in production) and a Celery worker.

The PostgreSQL part is scripts/with-test-services' logic in Python: the newest
/usr/lib/postgresql/*/bin, and as root the server runs as the unprivileged `postgres` user.
A missing binary fails the test with what to install; nothing is skipped.
"""

import glob
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, timeout: float, what: str, interval: float = 0.05):
    """Poll `condition()` until it is truthy (returned) or fail the test after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"Timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def private_directory(name: str) -> Path:
    """A scratch directory others may read (PostgreSQL runs as another user when we are
    root; pytest's tmp_path is private to us)."""
    path = Path(tempfile.mkdtemp(prefix=f"am-office-{name}-"))
    path.chmod(0o755)
    return path


def database_url(settings_dict: dict) -> str:
    """The URL of a Django database, for the environment of another process."""
    db = settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def stop_process(process: subprocess.Popen, timeout: float = 10) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class RedisServer:
    """`redis-server` on a free port, no persistence: stop() is a crash, start() an empty
    Redis on the same address, as after a restart without persistence."""

    def __init__(self):
        if not shutil.which("redis-server"):
            pytest.fail("redis-server is missing: apt-get install redis-server (or `make test`)")
        self.port = free_port()
        self.directory = private_directory("redis")
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.directory)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.answers, 10, f"Redis on port {self.port}")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


def pg_bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if not found or not Path(found[-1], "initdb").exists():
        pytest.fail("PostgreSQL is missing: apt-get install postgresql (or `make test`)")
    return Path(found[-1])


class PostgresCluster:
    """A throwaway cluster on a free port (trust authentication on loopback)."""

    def __init__(self):
        self.bin = pg_bindir()
        self.port = free_port()
        self.directory = private_directory("pg")
        self.data = self.directory / "data"
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        self.data.mkdir()
        if self.as_postgres:  # PostgreSQL refuses to run as root
            if subprocess.run(["id", "postgres"], capture_output=True).returncode:
                pytest.fail("No `postgres` user to run PostgreSQL as: run under `make test`")
            shutil.chown(self.data, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-locale")

    def _run(self, tool: str, *args: str) -> None:
        result = subprocess.run(
            [*self.as_postgres, str(self.bin / tool), *args], capture_output=True, text=True
        )
        if result.returncode:
            log = self.data / "server.log"
            pytest.fail(
                f"{tool} failed: {result.stderr}\n{log.read_text() if log.exists() else ''}"
            )

    def pg_ctl(self, action: str, *args: str) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories="
            f"{self.data} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        log = str(self.data / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-l", log, "-w", "-o", options, action, *args)

    def start(self) -> None:
        self.pg_ctl("start")

    def stop(self) -> None:
        self.pg_ctl("stop", "-m", "fast")

    def restart(self) -> None:
        self.pg_ctl("restart", "-m", "fast")

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def copy_database(self, source_url: str, name: str) -> None:
        """A new database `name` holding what `source_url` holds now (schema and rows):
        faster than running every migration again."""
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        dump = subprocess.Popen(
            [str(self.bin / "pg_dump"), "--no-owner", "--no-privileges", source_url],
            stdout=subprocess.PIPE,
        )
        restore = subprocess.run(
            [str(self.bin / "psql"), "-q", "-v", "ON_ERROR_STOP=1", self.url(name)],
            stdin=dump.stdout,
            capture_output=True,
            text=True,
        )
        dump.stdout.close()
        if dump.wait() or restore.returncode:
            pytest.fail(f"Copying the test database failed: {restore.stderr}")

    def remove(self) -> None:
        pg_ctl = [*self.as_postgres, str(self.bin / "pg_ctl"), "-D", str(self.data)]
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(self.directory, ignore_errors=True)


def app_environment(*, database: str, redis: str, **extra: str) -> dict:
    """The environment of an application process on these servers."""
    return os.environ | {"DATABASE_URL": database, "REDIS_URL": redis, **extra}


def _no_control_socket() -> tuple[str, ...]:
    """gunicorn 24+ opens one control socket per user (~/.gunicorn): off, so that servers of
    several tests (or test runs) side by side do not compete for it."""
    from gunicorn import config

    known = {setting.name for setting in config.KNOWN_SETTINGS}
    return ("--no-control-socket",) if "control_socket_disable" in known else ()


class WebServer:
    """The application under gunicorn, production settings (DEBUG off) but for the static
    files' manifest (tests.faults.production_settings), on a free port."""

    def __init__(self, env: dict, log: Path):
        from django.conf import settings

        self.port = free_port()
        env = env | {
            "DJANGO_SETTINGS_MODULE": "tests.faults.production_settings",
            "DEBUG": "0",
            "SECRET_KEY": settings.SECRET_KEY,  # the sessions the test opens must be valid
            "SECURE_COOKIES": "0",  # plain HTTP on loopback
            "ALLOWED_HOSTS": "127.0.0.1",
        }
        self.log = log
        with log.open("w") as out:
            self.process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "gunicorn", "config.wsgi:application"),
                    *("--bind", f"127.0.0.1:{self.port}", "--workers", "1", "--timeout", "60"),
                    *_no_control_socket(),
                ],
                env=env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        wait_for(self._listening, 60, f"gunicorn to start (log: {log})", interval=0.2)

    def _listening(self) -> bool:
        if self.process.poll() is not None:
            pytest.fail(f"gunicorn exited:\n{self.log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
            return True
        except OSError:
            return False

    def request(self, method: str, path: str, *, body=b"", headers=None, timeout: float = 30):
        """(status, headers (an email.message.Message), text) of one request; a hang
        longer than `timeout` raises TimeoutError."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.msg, response.read().decode()
        finally:
            conn.close()

    def stop(self) -> None:
        stop_process(self.process)


class Worker:
    """A Celery worker process on these servers, consuming `queue` only."""

    def __init__(self, env: dict, queue: str, log: Path, pool: str = "solo"):
        self.log = log
        with log.open("a") as out:
            self.process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "celery", "-A", "config", "worker", f"--pool={pool}"),
                    *("--concurrency=1", "--without-gossip", "--without-mingle"),
                    *("--without-heartbeat", "-l", "INFO"),
                ],
                env=env | {"CELERY_QUEUE": queue},
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: `kill` takes the pool too
            )

    def children(self) -> list[int]:
        """The pool's processes (prefork): those whose parent is the worker, from /proc."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended meanwhile
            if int(fields[1]) == self.process.pid:
                found.append(int(stat.parent.name))
        return found

    def kill(self) -> None:
        """SIGKILL to the worker and its pool, as a lost machine: no shutdown, nothing
        acknowledged, no pool process left to finish the task."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        stop_process(self.process, timeout=20)


def worker_env(**extra: str) -> dict:
    """The environment of a worker on the suite's test database and Redis."""
    from django.conf import settings
    from django.db import connection

    return app_environment(
        database=database_url(connection.settings_dict), redis=settings.REDIS_URL, **extra
    )


def deliveries(worker: Worker, task: str) -> int:
    """How many times the worker received `task` (its log)."""
    lines = worker.log.read_text().splitlines()
    return sum(f"{task}[" in line and "] received" in line for line in lines)
