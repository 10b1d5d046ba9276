"""Load on loopback (issue #9): 20 people at once for 60 seconds against the application
served by gunicorn (3 workers, production settings) on the bench database — unit heads
opening their dashboard, integration clients reading the account-manager list of the API,
account managers submitting their work journals (bench/locustfile.py). Prints requests,
failures, p50 and p95 per endpoint.

    python bench/load.py [--users 20] [--seconds 60]

The figures depend on the machine: locust, gunicorn and PostgreSQL share its cores.
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import load_harness
from bench.common import setup_django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=load_harness.USERS)
    parser.add_argument("--seconds", type=int, default=load_harness.RUN_SECONDS)
    args = parser.parse_args()
    setup_django()
    from django.test import override_settings

    from managers.choices import OrgUnitKind
    from managers.models import AccountManager, OrgUnit

    unit = OrgUnit.objects.filter(kind=OrgUnitKind.SUB_BRANCH).order_by("path").first()
    # The load's logins are hashed as the load server prefers (bench/load_settings.py).
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        cast = load_harness.build_cast(unit, people=args.users)
    in_unit = AccountManager.objects.filter(unit__path__startswith=unit.path).count()
    print(
        f"{args.users} people for {args.seconds} s; the head's sub-branch {unit.name}: "
        f"{in_unit} account managers; API list of {AccountManager.objects.count()}"
    )
    with tempfile.TemporaryDirectory(prefix="load-") as out:
        out_dir = Path(out)
        with load_harness.served(out_dir / "gunicorn.log") as url:
            results = load_harness.run_locust(
                url, cast, out_dir, users=args.users, seconds=args.seconds
            )
    print(results.table())
    for failure in results.failures:
        print(f"FAILED {failure}")


if __name__ == "__main__":
    main()
