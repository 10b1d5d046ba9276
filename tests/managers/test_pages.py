"""Pages are scoped like the data behind them; lists keep a constant query count."""

import pytest
from django.urls import reverse

from managers.choices import ManagerStatus
from tests.factories import AccountManagerFactory


def login(client, user):
    client.force_login(user)
    return client


def test_pages_require_login(client, bank):
    for name in ("home", "manager-list", "orgunit-list"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_head_sees_own_managers_not_the_sibling_branch(client, bank):
    body = login(client, bank.head_a).get(reverse("manager-list")).content.decode()
    assert "甲经理" in body and "网点经理" in body
    assert "乙经理" not in body


def test_manager_of_another_sub_branch_is_not_found(client, bank):
    login(client, bank.head_a)
    assert client.get(reverse("manager-detail", args=[bank.am_b.pk])).status_code == 404
    assert client.get(reverse("manager-detail", args=[bank.am_a1.pk])).status_code == 200


def test_account_manager_reaches_only_their_own_profile(client, bank):
    login(client, bank.am_a_user)
    response = client.get(reverse("my-profile"))
    assert response.status_code == 302
    assert response["Location"] == reverse("manager-detail", args=[bank.am_a.pk])
    assert client.get(reverse("manager-detail", args=[bank.am_a1.pk])).status_code == 404


def test_unit_filter_dropdown_lists_only_visible_units(client, bank):
    body = login(client, bank.head_a).get(reverse("manager-list")).content.decode()
    assert "城东第一网点" in body
    assert "城西支行" not in body and "江南分行" not in body


def test_filter_by_out_of_scope_unit_shows_error_and_no_rows(client, bank):
    login(client, bank.head_a)
    response = client.get(reverse("manager-list"), {"unit": bank.sub_b.pk})
    body = response.content.decode()
    assert response.status_code == 200
    assert "乙经理" not in body and "甲经理" not in body
    assert response.context["filter"].errors["unit"]


def test_subtree_filter_and_search(client, bank):
    login(client, bank.hr)
    rows = client.get(reverse("manager-list"), {"unit": bank.sub_a.pk}).context["page"]
    assert {m.name for m in rows} == {"甲经理", "网点经理"}
    rows = client.get(reverse("manager-list"), {"q": "乙"}).context["page"]
    assert [m.name for m in rows] == ["乙经理"]


def test_org_unit_page_counts_managers(client, bank):
    page = login(client, bank.hr).get(reverse("orgunit-list")).context["page"]
    counts = {unit.name: unit.manager_count for unit in page}
    assert counts == {"江南分行": 0, "城东支行": 1, "城东第一网点": 1, "城西支行": 1}


def test_home_counts_the_users_scope(client, bank):
    response = login(client, bank.head_b).get(reverse("home"))
    assert response.context["manager_total"] == 1


# HR's home (queues, not a list) counts its queries in tests/managers/test_hr_home.py.
@pytest.mark.parametrize("url_name", ["manager-list", "orgunit-list"])
def test_page_query_count_does_not_grow_with_rows(
    client, bank, url_name, django_assert_max_num_queries
):
    login(client, bank.hr)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse(url_name))
    AccountManagerFactory.create_batch(40, unit=bank.sub_b, status=ManagerStatus.TRAINEE)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(url_name))


def test_history_of_a_manager_is_shown(client, bank):
    bank.am_a.status = ManagerStatus.STOOD_DOWN
    bank.am_a.save()
    response = login(client, bank.head_a).get(reverse("manager-detail", args=[bank.am_a.pk]))
    assert len(response.context["history"]) == 2
