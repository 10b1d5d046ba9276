"""R-ORG-1: a user sees their subtree and nothing outside it; R-ORG-2 roles."""

import pytest

from managers.models import AccountManager, OrgUnit, User
from managers.selectors import account_managers_for, manager_status_counts


def names(queryset) -> set[str]:
    return {row.name for row in queryset}


def test_unit_head_sees_own_subtree_only(bank):
    visible = AccountManager.objects.restrict(bank.head_a)
    assert names(visible) == {"甲经理", "网点经理"}  # sub-branch A and its outlet


def test_sibling_unit_head_sees_only_the_sibling(bank):
    assert names(AccountManager.objects.restrict(bank.head_b)) == {"乙经理"}


@pytest.mark.parametrize("role_user", ["hr", "compliance", "integration"])
def test_branch_staff_see_the_whole_branch(bank, role_user):
    user = getattr(bank, role_user)
    assert names(AccountManager.objects.restrict(user)) == {"甲经理", "网点经理", "乙经理"}


def test_account_manager_sees_only_themself(bank):
    assert list(AccountManager.objects.restrict(bank.am_a_user)) == [bank.am_a]
    assert list(AccountManager.objects.restrict(bank.am_b_user)) == [bank.am_b]


def test_account_manager_sees_only_own_unit_in_the_tree(bank):
    assert list(OrgUnit.objects.restrict(bank.am_a_user)) == [bank.sub_a]


def test_administrator_sees_everything(bank):
    assert AccountManager.objects.restrict(bank.admin).count() == AccountManager.objects.count()
    assert OrgUnit.objects.restrict(bank.admin).count() == 5


def test_org_units_of_a_unit_head_are_the_subtree(bank):
    assert names(OrgUnit.objects.restrict(bank.head_a)) == {"城东支行", "城东第一网点"}


def test_user_without_unit_or_inactive_sees_nothing(bank):
    orphan = User.objects.create_user("orphan", password="x-test-pass", role="unit_head")
    assert not AccountManager.objects.restrict(orphan).exists()
    bank.hr.is_active = False
    assert not AccountManager.objects.restrict(bank.hr).exists()


def test_anonymous_sees_nothing(bank):
    from django.contrib.auth.models import AnonymousUser

    assert not AccountManager.objects.restrict(AnonymousUser()).exists()


def test_staff_users_are_scoped_too(bank):
    usernames = set(User.objects.restrict(bank.head_b).values_list("username", flat=True))
    assert usernames == {"head_b", "am_b"}
    assert list(User.objects.restrict(bank.am_a_user)) == [bank.am_a_user]


def test_subtree_is_a_prefix_not_a_substring(bank):
    """A unit whose path merely contains A's path elsewhere must not leak into A's scope."""
    from tests.factories import AccountManagerFactory, OrgUnitFactory

    other_root = OrgUnitFactory(name="他行")
    AccountManagerFactory(name="外行经理", unit=other_root)
    assert "外行经理" not in names(AccountManager.objects.restrict(bank.head_a))


def test_status_counts_are_scoped(bank):
    assert manager_status_counts(bank.head_b) == {"active": 1}
    assert sum(manager_status_counts(bank.hr).values()) == 3
    assert account_managers_for(bank.head_b).count() == 1
