"""`seed_demo` loads a deterministic demo bank with one login per role."""

from io import StringIO

from django.core.management import call_command
from django.db import transaction

from managers import demo
from managers.choices import OrgUnitKind, Role
from managers.models import AccountManager, GradeChange, OrgUnit, User
from performance.models import Evaluation, MonthlyFigure


def run_seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_small_demo_bank(db):
    output = run_seed()
    assert OrgUnit.objects.filter(kind=OrgUnitKind.BRANCH).count() == 1
    assert OrgUnit.objects.filter(kind=OrgUnitKind.SUB_BRANCH).count() == 4
    assert AccountManager.objects.count() == 60
    assert set(User.objects.values_list("role", flat=True)) == set(Role)
    for username in ("am", "head", "hr", "compliance", "admin"):
        assert f"  {username} " in output
    assert demo.DEMO_PASSWORD in output
    assert User.objects.get(username="am").account_manager is not None


def test_demo_logins_work(client, db):
    run_seed()
    assert client.login(username="head", password=demo.DEMO_PASSWORD)


def test_demo_history_is_recorded(db):
    run_seed()
    recorded = AccountManager.history.filter(history_type="+").values("id").distinct().count()
    assert recorded == AccountManager.objects.count()


def demo_snapshot() -> list:
    return list(
        AccountManager.objects.order_by("employee_number").values_list(
            "employee_number", "name", "unit__code", "status", "current_appointment__level__code"
        )
    )


class _Rollback(Exception):
    pass


def snapshot_of_a_fresh_seed() -> list:
    """Seed inside a savepoint, take the snapshot, roll the savepoint back."""
    try:
        with transaction.atomic():
            run_seed()
            snapshot = demo_snapshot()
            raise _Rollback
    except _Rollback:
        return snapshot


def test_same_size_gives_the_same_bank(db):
    first = snapshot_of_a_fresh_seed()
    assert not AccountManager.objects.exists()
    assert snapshot_of_a_fresh_seed() == first


def test_demo_includes_grade_history(db):
    run_seed()
    kinds = set(GradeChange.objects.values_list("kind", flat=True))
    assert {"appoint", "renew", "promote", "demote", "exit"} <= kinds
    assert GradeChange.objects.filter(status="proposed").exists()
    graded = AccountManager.objects.exclude(status="exited")
    assert not graded.filter(current_appointment__isnull=True).exists()


def test_second_run_changes_nothing(db):
    run_seed()
    before = AccountManager.objects.count()
    figures = MonthlyFigure.objects.count()
    assert "already loaded" in run_seed()
    assert AccountManager.objects.count() == before
    assert MonthlyFigure.objects.count() == figures
    # 2026Q2 and 2026Q3, so that the dashboard compares a quarter with the one before
    assert sorted(Evaluation.objects.values_list("quarter", flat=True)) == [2, 3]


def test_demo_includes_customers_assignments_transfers_visits(db):
    from customers.models import Assignment, Customer, Outing, Transfer, Visit

    run_seed()
    assert 2500 <= Customer.objects.count() <= 3500
    split = Assignment.objects.filter(credit_share__lt=1, basis="whole")
    assert split.exists()
    assert Transfer.objects.exists() and Visit.objects.exists() and Outing.objects.exists()
    held = Assignment.objects.filter(end_date__isnull=True, basis__in=["whole", "increase"])
    assert held.values("customer").distinct().count() < Customer.objects.count()  # some unassigned
