"""New accounts against their targets on the dashboard (R-CUS-6, R-RPT-4): the policy's
numbers per sub-branch times the sub-branches of the chosen unit, shortfalls marked, the
number of sub-branches not yet at this month's targets, and an administrator's edit of the
one-row policy changing them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from managers.choices import OrgUnitKind
from performance.models import NewAccountPolicy
from tests.factories import CustomerFactory, OrgUnitFactory

URL = "/performance/dashboard/"
CHANGE = "admin:performance_newaccountpolicy_change"


@pytest.fixture
def opened(bank):
    """This month in sub-branch A: four corporate accounts (two with a basic account), one
    at an outlet; in sub-branch B: one corporate account."""
    today = timezone.localdate()
    for index in range(4):
        unit = bank.outlet_a1 if index == 0 else bank.sub_a
        CustomerFactory(unit=unit, opened_on=today, has_basic_account=index < 2)
    CustomerFactory(unit=bank.sub_b, opened_on=today)
    CustomerFactory(unit=bank.sub_b, opened_on=today.replace(year=today.year - 1))


def targets(client, user, **query):
    client.force_login(user)
    response = client.get(URL, query)
    assert response.status_code == 200
    return response, {row.key: row for row in response.context["new_account_targets"].rows}


def test_the_migration_seeds_domains_defaults(db):
    policy = NewAccountPolicy.objects.get()
    assert (policy.corporate_per_week, policy.corporate_per_month, policy.basic_per_month) == (
        1,
        4,
        2,
    )


def test_a_sub_branch_against_its_own_targets(client, bank, opened):
    response, rows = targets(client, bank.head_a)
    assert [(r.count, r.target, r.short) for r in rows.values()] == [
        (4, 1, False),
        (4, 4, False),
        (2, 2, False),
    ]
    assert response.context["new_account_targets"].sub_branches_short == 0
    body = response.content.decode()
    assert 'data-testid="short-' not in body
    assert "1 个支行中有 0 个尚未完成本月目标" in body


def test_the_branch_has_the_targets_of_its_sub_branches_and_shortfalls_are_marked(
    client, bank, opened
):
    response, rows = targets(client, bank.hr)
    assert [(r.count, r.target, r.short) for r in rows.values()] == [
        (5, 2, False),
        (5, 8, True),
        (2, 4, True),
    ]
    summary = response.context["new_account_targets"]
    assert (summary.sub_branches, summary.sub_branches_short) == (2, 1)  # B is short
    body = response.content.decode()
    assert 'data-testid="short-corporate-month"' in body
    assert 'data-testid="short-basic-month"' in body
    assert 'data-testid="short-corporate-week"' not in body
    assert "未达目标" in body and "2 个支行中有 1 个尚未完成本月目标" in body


def test_a_head_counts_only_their_own_sub_branch(client, bank, opened):
    response, rows = targets(client, bank.head_b)
    assert [(r.count, r.target, r.short) for r in rows.values()] == [
        (1, 1, False),
        (1, 4, True),
        (0, 2, True),
    ]
    assert response.context["new_account_targets"].sub_branches_short == 1


def test_a_unit_below_a_sub_branch_has_no_target(client, bank, opened):
    response, rows = targets(client, bank.head_a, unit=bank.outlet_a1.pk)
    assert [(r.count, r.target, r.short) for r in rows.values()] == [
        (1, None, False),
        (1, None, False),
        (1, None, False),
    ]
    assert 'data-testid="no-targets"' in response.content.decode()


def test_editing_the_policy_in_admin_changes_the_targets(client, bank, opened):
    policy = NewAccountPolicy.objects.get()
    client.force_login(bank.admin)
    response = client.post(
        reverse(CHANGE, args=[policy.pk]),
        {"corporate_per_week": 3, "corporate_per_month": 2, "basic_per_month": 1},
    )
    assert response.status_code == 302
    _response, rows = targets(client, bank.hr)
    assert [(r.target, r.short) for r in rows.values()] == [(6, True), (4, False), (2, False)]
    assert policy.history.latest().history_user == bank.admin


def test_the_policy_is_one_row(client, bank):
    client.force_login(bank.admin)
    assert client.get(reverse("admin:performance_newaccountpolicy_add")).status_code == 403
    NewAccountPolicy.objects.all().delete()
    assert client.get(reverse("admin:performance_newaccountpolicy_add")).status_code == 200


def test_more_sub_branches_add_no_query(client, bank, opened):
    client.force_login(bank.hr)
    client.get(URL)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(URL)
        return len(captured.captured_queries)

    before = count()
    for index in range(3):
        sub = OrgUnitFactory(parent=bank.branch, kind=OrgUnitKind.SUB_BRANCH, name=f"新支行{index}")
        CustomerFactory(unit=sub, opened_on=timezone.localdate())
    assert count() == before
    assert client.get(URL).context["new_account_targets"].sub_branches == 5
