"""Roster export of 20,000 account managers: time and peak Python memory of the
streaming (openpyxl write-only) export, against the same rows in normal mode."""

import random
import time
import tracemalloc

from bench.common import setup_django

TARGET = 20_000


def ensure_managers(target: int) -> None:
    from simple_history.utils import bulk_create_with_history

    from managers import demo
    from managers.demo_grades import record_grade_history
    from managers.models import AccountManager, OrgUnit, User

    missing = target - AccountManager.objects.count()
    if missing <= 0:
        return
    rng = random.Random("bench-roster")
    units = list(OrgUnit.objects.filter(kind__in=["sub_branch", "outlet"]))
    start = AccountManager.objects.count() + 1
    managers = [demo.make_manager(rng, start + i, units[i % len(units)]) for i in range(missing)]
    managers = bulk_create_with_history(managers, AccountManager, batch_size=2000)
    managers = list(
        AccountManager.objects.filter(pk__in=[m.pk for m in managers]).select_related("unit")
    )
    logins = {u.username: u for u in User.objects.filter(username__in=["head", "hr", "admin"])}
    record_grade_history(managers, logins, rng)
    print(f"added {missing} account managers with grade history")


def measure(label: str, run) -> None:
    """Time without tracing (tracemalloc slows Python down), then peak memory with it."""
    started = time.perf_counter()
    result = run()
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<44} {elapsed:6.2f} s   peak {peak / 2**20:6.1f} MiB   {result}")


def main() -> None:
    setup_django()
    ensure_managers(TARGET)
    from django.utils import timezone
    from openpyxl import Workbook

    from managers.exports import roster_csv_lines, write_roster_xlsx
    from managers.models import AccountManager
    from managers.roster import ROSTER_COLUMNS, RosterContext, roster_queryset, roster_values

    today = timezone.localdate()
    rows = roster_queryset(AccountManager.objects.all())
    count = rows.count()

    def streaming_xlsx():
        handle = write_roster_xlsx(rows.iterator(chunk_size=2000), title="bench", today=today)
        size = handle.seek(0, 2)
        handle.close()
        return f"{count} rows × {len(ROSTER_COLUMNS)} columns, {size / 2**20:.1f} MiB file"

    def normal_mode_xlsx():
        workbook = Workbook()
        sheet = workbook.active
        context = RosterContext.build(today)
        for manager in rows.iterator(chunk_size=2000):
            sheet.append(roster_values(manager, context))
        import tempfile

        with tempfile.TemporaryFile() as handle:
            workbook.save(handle)
        return "same rows, openpyxl normal mode (reference)"

    def streaming_csv():
        size = sum(
            len(line) for line in roster_csv_lines(rows.iterator(chunk_size=2000), today=today)
        )
        return f"{size / 2**20:.1f} MiB of text"

    measure("roster .xlsx, write-only (what users get)", streaming_xlsx)
    measure("roster .xlsx, normal mode (for comparison)", normal_mode_xlsx)
    measure("roster .csv, streamed", streaming_csv)


if __name__ == "__main__":
    main()
