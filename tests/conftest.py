"""The fixed cast every test can use (R-ORG-1, R-ORG-2):

总行 head office
└── 分行 branch ──────────── HR, compliance, integration client
    ├── 支行A sub-branch A ── unit head, credit officer, account manager (with login)
    │   └── 网点A1 outlet A1 ─ account manager
    └── 支行B sub-branch B ── unit head, account manager (with login)
administrator at head office
"""

import os
from dataclasses import dataclass

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from managers.choices import OrgUnitKind, Role
from managers.models import AccountManager, OrgUnit, User
from tests.factories import AccountManagerFactory, OrgUnitFactory, UserFactory

PASSWORD = "test-pass-123"


@dataclass
class Bank:
    head_office: OrgUnit
    branch: OrgUnit
    sub_a: OrgUnit
    outlet_a1: OrgUnit
    sub_b: OrgUnit
    head_a: User
    officer_a: User
    am_a_user: User
    am_a: AccountManager
    am_a1: AccountManager
    head_b: User
    am_b_user: User
    am_b: AccountManager
    hr: User
    compliance: User
    integration: User
    admin: User

    def users(self) -> dict[str, User]:
        return {
            name: getattr(self, name)
            for name in (
                "head_a",
                "officer_a",
                "am_a_user",
                "head_b",
                "am_b_user",
                "hr",
                "compliance",
                "integration",
                "admin",
            )
        }


@pytest.fixture
def bank(db) -> Bank:
    return build_bank()


def build_bank() -> Bank:
    """The cast, for fixtures of a wider scope than `bank` (e.g. the permission matrix)."""
    head_office = OrgUnitFactory(name="总行", kind=OrgUnitKind.HEAD_OFFICE)
    branch = OrgUnitFactory(parent=head_office, name="江南分行", kind=OrgUnitKind.BRANCH)
    sub_a = OrgUnitFactory(parent=branch, name="城东支行", kind=OrgUnitKind.SUB_BRANCH)
    outlet_a1 = OrgUnitFactory(parent=sub_a, name="城东第一网点", kind=OrgUnitKind.OUTLET)
    sub_b = OrgUnitFactory(parent=branch, name="城西支行", kind=OrgUnitKind.SUB_BRANCH)

    am_a_user = UserFactory(username="am_a", role=Role.ACCOUNT_MANAGER, org_unit=sub_a)
    am_b_user = UserFactory(username="am_b", role=Role.ACCOUNT_MANAGER, org_unit=sub_b)
    return Bank(
        head_office=head_office,
        branch=branch,
        sub_a=sub_a,
        outlet_a1=outlet_a1,
        sub_b=sub_b,
        head_a=UserFactory(username="head_a", role=Role.UNIT_HEAD, org_unit=sub_a),
        officer_a=UserFactory(username="officer_a", role=Role.CREDIT_OFFICER, org_unit=sub_a),
        am_a_user=am_a_user,
        am_a=AccountManagerFactory(name="甲经理", unit=sub_a, user=am_a_user),
        am_a1=AccountManagerFactory(name="网点经理", unit=outlet_a1),
        head_b=UserFactory(username="head_b", role=Role.UNIT_HEAD, org_unit=sub_b),
        am_b_user=am_b_user,
        am_b=AccountManagerFactory(name="乙经理", unit=sub_b, user=am_b_user),
        hr=UserFactory(username="hr", role=Role.HR, org_unit=branch),
        compliance=UserFactory(username="compliance", role=Role.COMPLIANCE, org_unit=branch),
        integration=UserFactory(username="api", role=Role.INTEGRATION, org_unit=branch),
        admin=UserFactory(
            username="admin",
            role=Role.ADMIN,
            org_unit=head_office,
            is_staff=True,
            is_superuser=True,
        ),
    )


@pytest.fixture
def api_client_for():
    """An API client authenticated as the given user: integration users by token,
    staff by session (as the browser does)."""

    def make(user: User) -> APIClient:
        client = APIClient()
        if user.role == Role.INTEGRATION:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        else:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker, tmp_path_factory):
    """A real Celery worker process on the real Redis broker, using the test database.

    It consumes a queue of its own, so a stray worker elsewhere cannot take our tasks.
    """
    import os
    import subprocess
    import sys
    import uuid

    from django.conf import settings
    from django.db import connection

    from config.celery import app

    if not settings.REDIS_URL:
        pytest.fail("REDIS_URL is not set: run the suite with `make test`.")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    )
    log = tmp_path_factory.mktemp("celery") / "worker.log"
    env = os.environ | {"DATABASE_URL": database_url, "CELERY_QUEUE": queue}
    with log.open("w") as out:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "INFO",
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    previous_queue = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    try:
        yield worker
    finally:
        app.conf.task_default_queue = previous_queue
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
        if worker.returncode not in (0, -15):
            print(log.read_text())


def pytest_configure(config):
    """Fast password hashing: the cast logs in a lot, and PBKDF2 is slow on purpose."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Test runs sharing one Redis (several at once on a developer's machine) keep apart.
    settings.CACHES["default"]["KEY_PREFIX"] = f"test-{os.getpid()}"


@pytest.fixture
def levels(db) -> dict:
    """The default grade scheme's levels by code: senior, L1, L2, L3, L4, trainee."""
    from tests.factories import grade_levels

    return grade_levels()


@pytest.fixture(autouse=True)
def uncached_dashboard_figures():
    """Figures made by factories bypass the imports that refresh the dashboard's cache:
    each test starts with nothing cached from another test's figures."""
    from performance.dashboard_cache import forget_cached

    forget_cached()
