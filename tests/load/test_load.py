"""Load on loopback (issue #9): 20 people at once for 60 seconds, against the application
served as in production (gunicorn, 3 workers, DEBUG off) on the test database, get no
error. Unit heads open their dashboard, integration clients read the account-manager list
of the API with their tokens, account managers submit their work journals (R-RPT, R-JNL-1;
bench/locustfile.py). The figures per endpoint are printed; `python bench/load.py` prints
the same on the bench database.

Locust runs as a process of its own: its gevent must not patch the test process.
"""

import pytest

from bench import load_harness
from customers.demo import seed_customers
from managers import demo
from managers.choices import JournalStatus
from managers.models import WorkJournal
from performance.demo import seed_figures
from tests.load import migration_data

pytestmark = pytest.mark.load

USERS = 20
RUN_SECONDS = 60  # fixed by issue #9
# Each simulated person clicks about once a second: even on a slow, busy machine every
# endpoint answers many more times than this in a minute.
MIN_REQUESTS = 20
DASHBOARD = "GET /performance/dashboard/"
API_LIST = "GET /api/v1/managers/"
JOURNAL_SUBMISSION = "POST /journals/ (submit)"


@pytest.fixture
def demo_bank(transactional_db):
    """The small demo bank (4 sub-branches, 60 account managers, 3,000 customers, a year
    of monthly figures and an evaluation), committed so that the server process sees it."""
    if migration_data.flushed():  # by an earlier transactional test
        migration_data.reinstall_migration_data()
    bank = demo.seed("small")
    seed_customers(bank, bank.size.customers_per_manager, bank.rng)
    seed_figures(bank)
    return bank


def test_twenty_people_for_a_minute_get_no_error(demo_bank, tmp_path, capsys):
    cast = load_harness.build_cast(demo_bank.sub_branches[0], people=USERS)

    with load_harness.served(tmp_path / "gunicorn.log") as url:
        results = load_harness.run_locust(url, cast, tmp_path, users=USERS, seconds=RUN_SECONDS)

    with capsys.disabled():
        print(f"\nLoad: {USERS} people for {RUN_SECONDS} s on gunicorn\n{results.table()}")
    assert results.failures == [], "\n".join([*results.failures, results.output[-2000:]])
    for endpoint in (DASHBOARD, API_LIST, JOURNAL_SUBMISSION):
        assert results.endpoints[endpoint].requests >= MIN_REQUESTS, results.table()
    # Every submission the server acknowledged is a submitted journal of its own day (a
    # few more may have been answered while locust stopped, after its count).
    submitted = WorkJournal.objects.filter(
        manager__user__username__in=cast.account_managers, status=JournalStatus.SUBMITTED
    ).count()
    acknowledged = results.endpoints[JOURNAL_SUBMISSION].requests
    assert acknowledged <= submitted <= acknowledged + USERS
