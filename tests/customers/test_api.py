"""Customer API: masked data, reveal with a logged purpose, assignments, transfers,
the read-only access log."""

from datetime import date
from decimal import Decimal

import pytest

from compliance.models import CustomerDataAccess
from customers import services
from customers.models import Assignment
from tests.customers.helpers import new_held_customers
from tests.factories import CustomerFactory

CUSTOMERS = "/api/v1/customers/"
ASSIGNMENTS = "/api/v1/assignments/"


def test_customers_are_masked_and_scoped(bank, customer_a, customer_b, api_client_for):
    rows = api_client_for(bank.head_a).get(CUSTOMERS).json()["results"]
    assert [(r["name"], r["phone"], r["id_number"]) for r in rows] == [
        ("城东科技有限公司", "138****5678", "110***********002X")
    ]
    assert api_client_for(bank.head_a).get(f"{CUSTOMERS}{customer_b.pk}/").status_code == 404


def test_reveal_needs_a_purpose_and_is_logged(bank, customer_a, api_client_for):
    client = api_client_for(bank.integration)
    url = f"{CUSTOMERS}{customer_a.pk}/reveal/"
    assert client.post(url, {}).status_code == 400
    response = client.post(url, {"purpose": "核心系统客户信息核对"})
    assert response.status_code == 200 and response.json()["phone"] == "13812345678"
    assert CustomerDataAccess.objects.get().user == bank.integration


def test_hr_may_not_reveal(bank, customer_a, api_client_for):
    response = api_client_for(bank.hr).post(
        f"{CUSTOMERS}{customer_a.pk}/reveal/", {"purpose": "核对信息"}
    )
    assert response.status_code == 403 and not CustomerDataAccess.objects.exists()


def new_assignment(customer, manager, share="1"):
    return {
        "customer": customer.pk,
        "manager": manager.pk,
        "credit_share": share,
        "start_date": "2026-01-01",
    }


def test_assign_with_warning(bank, customer_a, api_client_for):
    customer_a.deposit_daily_avg = Decimal("10000")
    customer_a.save()
    response = api_client_for(bank.head_a).post(ASSIGNMENTS, new_assignment(customer_a, bank.am_a))
    assert response.status_code == 201, response.content
    assert "R-ELG-6" in response.json()["warnings"][0]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"credit_share": "1.5"}, "credit_share"),
        ({"credit_share": "0"}, "credit_share"),
        ({"manager": 999999}, "manager"),
        ({"start_date": "2026-02-30"}, "start_date"),
    ],
)
def test_bad_assignments_are_field_errors(bank, customer_a, api_client_for, payload, field):
    response = api_client_for(bank.head_a).post(
        ASSIGNMENTS, new_assignment(customer_a, bank.am_a) | payload
    )
    assert response.status_code == 400 and field in response.json()
    assert not Assignment.objects.exists()


def test_shares_over_100_percent_are_refused(bank, customer_a, api_client_for):
    client = api_client_for(bank.head_a)
    client.post(ASSIGNMENTS, new_assignment(customer_a, bank.am_a, "0.7"))
    response = client.post(ASSIGNMENTS, new_assignment(customer_a, bank.am_a1, "0.31"))
    assert response.status_code == 400 and "credit_share" in response.json()


def test_out_of_scope_customer_or_manager_is_400(bank, customer_a, customer_b, api_client_for):
    client = api_client_for(bank.head_a)
    assert "customer" in client.post(ASSIGNMENTS, new_assignment(customer_b, bank.am_a)).json()
    assert "manager" in client.post(ASSIGNMENTS, new_assignment(customer_a, bank.am_b)).json()


def test_account_manager_cannot_assign(bank, customer_a, api_client_for):
    response = api_client_for(bank.am_a_user).post(
        ASSIGNMENTS, new_assignment(customer_a, bank.am_a)
    )
    assert response.status_code == 403


def test_bulk_and_unassigned_filter(bank, api_client_for):
    customers = CustomerFactory.create_batch(3, unit=bank.sub_a)
    client = api_client_for(bank.head_a)
    unassigned = client.get(CUSTOMERS, {"unassigned": "true"}).json()["count"]
    response = client.post(
        f"{ASSIGNMENTS}bulk/",
        {
            "customers": [c.pk for c in customers],
            "manager": bank.am_a.pk,
            "credit_share": "1",
            "start_date": "2026-01-01",
        },
        format="json",
    )
    assert response.status_code == 201 and len(response.json()) == 3
    assert client.get(CUSTOMERS, {"unassigned": "true"}).json()["count"] == unassigned - 3


def test_transfer_through_the_api(bank, customer_a, api_client_for):
    services.assignment_create(
        actor=bank.head_a,
        customer=customer_a,
        manager=bank.am_a,
        credit_share=Decimal("1"),
        start_date=date(2025, 1, 1),
    )
    response = api_client_for(bank.head_a).post(
        "/api/v1/transfers/",
        {
            "customer": customer_a.pk,
            "from_manager": bank.am_a.pk,
            "to_manager": bank.am_a1.pk,
            "transfer_date": "2026-07-01",
            "increase_share": "0.6",
            "reason": "调岗",
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["baseline_deposit_avg"] == f"{customer_a.deposit_daily_avg:.2f}"
    bases = set(Assignment.objects.filter(end_date__isnull=True).values_list("basis", flat=True))
    assert bases == {"baseline", "increase"}


def test_access_log_is_read_only_and_for_compliance(bank, customer_a, api_client_for):
    api_client_for(bank.head_a).post(f"{CUSTOMERS}{customer_a.pk}/reveal/", {"purpose": "核实身份"})
    assert api_client_for(bank.head_a).get("/api/v1/access-log/").status_code == 403
    client = api_client_for(bank.compliance)
    rows = client.get("/api/v1/access-log/", {"action": "reveal"}).json()["results"]
    assert [r["customer_numbers"] for r in rows] == [[customer_a.number]]
    entry_url = f"/api/v1/access-log/{rows[0]['id']}/"
    assert client.delete(entry_url).status_code == 405
    assert client.patch(entry_url, {"purpose": "x"}).status_code == 405
    assert CustomerDataAccess.objects.count() == 1


@pytest.mark.parametrize("url", [CUSTOMERS, ASSIGNMENTS])
def test_list_query_counts_are_constant(bank, api_client_for, url, django_assert_max_num_queries):
    client = api_client_for(bank.hr)
    new_held_customers(2, manager=bank.am_a, actor=bank.hr)
    with django_assert_max_num_queries(10) as before:
        client.get(url)
    new_held_customers(15, manager=bank.am_b, actor=bank.hr)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(url).json()["count"] >= 15
