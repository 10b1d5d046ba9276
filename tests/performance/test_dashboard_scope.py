"""Who may open the dashboard and what they see (R-ORG-1, R-ORG-2), and its constant
number of SQL queries whatever the size of the subtree."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from managers.choices import OrgUnitKind
from performance.dashboard_cache import forget_cached
from tests.factories import AccountManagerFactory, CustomerFactory, OrgUnitFactory
from tests.performance.dashboard_bank import build_small_bank, compliance_items
from tests.performance.helpers import evaluate, held, monthly

URL = "/performance/dashboard/"


@pytest.fixture
def small_bank(bank, levels):
    return build_small_bank(bank, levels)


def test_url_names():
    assert reverse("dashboard") == URL
    assert reverse("my-day") == "/performance/my-day/"


def test_head_b_sees_nothing_of_sub_branch_a(client, small_bank):
    client.force_login(small_bank.head_b)
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    for name in (small_bank.sub_a.name, small_bank.outlet_a1.name, small_bank.branch.name):
        assert name not in body
    assert [row.unit for row, _url in response.context["units"]] == [small_bank.sub_b]
    assert response.context["figures"].managers == 1
    assert response.context["ancestors"] == []


@pytest.mark.parametrize("unit", ["sub_a", "outlet_a1", "branch", "head_office"])
def test_a_unit_outside_the_scope_is_404(client, small_bank, unit):
    client.force_login(small_bank.head_b)
    assert client.get(URL, {"unit": getattr(small_bank, unit).pk}).status_code == 404


@pytest.mark.parametrize("value", ["x", "99999", "-1"])
def test_a_bad_unit_is_404(client, small_bank, value):
    client.force_login(small_bank.head_a)
    assert client.get(URL, {"unit": value}).status_code == 404


def test_a_bad_period_is_404(client, small_bank):
    client.force_login(small_bank.head_a)
    assert client.get(URL, {"period": "2026Q5"}).status_code == 404


def test_a_period_without_evaluation_shows_zeros(client, small_bank):
    client.force_login(small_bank.head_a)
    response = client.get(URL, {"period": "2025Q4"})
    assert response.status_code == 200
    assert response.context["figures"].managers == 0


def test_head_a_drills_down_and_the_breadcrumb_stops_at_their_unit(client, small_bank):
    client.force_login(small_bank.head_a)
    response = client.get(URL, {"unit": small_bank.outlet_a1.pk})
    assert response.status_code == 200
    assert response.context["ancestors"] == [small_bank.sub_a]
    assert small_bank.branch.name not in response.content.decode()


@pytest.mark.parametrize("user", ["am_a_user", "am_b_user", "integration"])
def test_account_managers_and_api_clients_cannot_open_it(client, small_bank, user):
    client.force_login(getattr(small_bank, user))
    assert client.get(URL).status_code == 403


def test_anonymous_goes_to_login(client, small_bank):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("user", ["head_a", "officer_a", "hr", "compliance", "admin"])
def test_supervisors_open_it(client, small_bank, user):
    client.force_login(getattr(small_bank, user))
    assert client.get(URL).status_code == 200


def grow(bank, levels, outlets: int = 3, managers_each: int = 4) -> None:
    """More units, managers, customers, figures, cases and a new evaluation in sub-branch A."""
    for index in range(outlets):
        outlet = OrgUnitFactory(
            parent=bank.sub_a, name=f"城东网点{index + 2}", kind=OrgUnitKind.OUTLET
        )
        for number in range(managers_each):
            manager = AccountManagerFactory(unit=outlet)
            customer = CustomerFactory(unit=outlet, number=f"G{index}-{number}")
            monthly(
                customer,
                2026,
                range(1, 10),
                deposit_wan=600 + number,
                loan_wan=50,
                loan_class=3 if number == 0 else 1,
            )
            held(customer, manager, bank.hr)
            CustomerFactory(unit=outlet, number=f"U{index}-{number}")
            compliance_items(manager, outlet, bank.compliance, f"G{index}-{number}")
    evaluate(2026, 2)
    evaluate(2026, 3)


def count_queries(client, user) -> int:
    """The queries of a dashboard computed afresh (nothing cached: the worst case)."""
    client.get(URL)  # warm: session, axes and idle-session middleware settle first
    forget_cached()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_query_count_is_constant_whatever_the_size(client, small_bank, levels):
    client.force_login(small_bank.head_b)
    one_unit = count_queries(client, small_bank.head_b)  # sub-branch B: one unit, one manager
    client.force_login(small_bank.head_a)
    few = count_queries(client, small_bank.head_a)
    grow(small_bank, levels)
    many = count_queries(client, small_bank.head_a)
    assert one_unit == few == many
    response = client.get(URL)
    assert response.context["figures"].managers == 2 + 12
    assert len(response.context["units"]) == 1 + 1 + 3


def test_query_count_of_the_whole_branch_is_constant(client, small_bank, levels):
    client.force_login(small_bank.hr)
    few = count_queries(client, small_bank.hr)
    grow(small_bank, levels, outlets=2, managers_each=3)
    assert count_queries(client, small_bank.hr) == few
