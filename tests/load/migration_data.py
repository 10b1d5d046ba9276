"""The rows the data migrations seed (grade scheme, rule sets, working calendar, journal and
fine policies, schedules …), installed again when a transactional test's flush removed them:
the load test commits the demo bank, and the demo bank is built on those rows."""

from django.db import ProgrammingError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations import RunPython
from django.db.migrations.state import ProjectState


def flushed() -> bool:
    from performance.models import RuleSet

    return not RuleSet.objects.exists()


def reinstall_migration_data() -> None:
    """Run every migration's RunPython again, in order, each on the models of its own
    migration state. The ones that change the schema (a database constraint, which a flush
    keeps) fail on the objects that exist and are skipped; the data ones fill empty tables."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes(), clean_start=True)
    state = ProjectState(real_apps=executor.loader.unmigrated_apps)
    with connection.schema_editor(atomic=True) as editor:
        for migration, _backwards in plan:
            for operation in migration.operations:
                new_state = state.clone()
                operation.state_forwards(migration.app_label, new_state)
                if isinstance(operation, RunPython):
                    try:
                        with transaction.atomic():
                            operation.database_forwards(
                                migration.app_label, editor, state, new_state
                            )
                    except ProgrammingError:
                        pass  # e.g. "constraint … already exists"
                state = new_state
