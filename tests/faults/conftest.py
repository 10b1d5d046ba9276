"""Fixtures of the fault tests (issue #9): private servers a test may stop, the
application's processes on them, and their logs printed when a test fails."""

import uuid

import pytest

from .servers import PostgresCluster, RedisServer, WebServer, Worker


class Servers:
    """Starts what a test asks for; everything is stopped and removed after the test, the
    application's processes first."""

    def __init__(self, logs):
        self.logs = logs
        self.processes: list = []
        self.backends: list = []

    def redis(self) -> RedisServer:
        server = RedisServer()
        self.backends.append(server)
        server.start()
        return server

    def postgres(self) -> PostgresCluster:
        cluster = PostgresCluster()
        self.backends.append(cluster)
        cluster.start()
        return cluster

    def web(self, env: dict) -> WebServer:
        server = WebServer(env, self.logs / f"web-{len(self.processes)}.log")
        self.processes.append(server)
        return server

    def worker(self, env: dict, queue: str, pool: str = "solo") -> Worker:
        worker = Worker(env, queue, self.logs / f"worker-{len(self.processes)}.log", pool)
        self.processes.append(worker)
        return worker

    def close(self) -> None:
        for process in reversed(self.processes):
            process.stop()
        for backend in reversed(self.backends):
            backend.remove()

    def print_logs(self) -> None:
        for log in sorted(self.logs.glob("*.log")):
            print(f"----- {log.name} -----\n{log.read_text()[-6000:]}")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def servers(request, tmp_path):
    started = Servers(tmp_path)
    try:
        yield started
    finally:
        started.close()
        report = getattr(request.node, "report_call", None)
        if report is None or report.failed:
            started.print_logs()


@pytest.fixture
def queue():
    """A queue of this test's own on the suite's Redis: no other worker takes its task."""
    from config.celery import app

    name = f"faults-{uuid.uuid4().hex[:8]}"
    previous, app.conf.task_default_queue = app.conf.task_default_queue, name
    yield name
    app.conf.task_default_queue = previous
