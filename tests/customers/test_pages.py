"""Customer pages: scoped lists, masked personal data, logged reveal and export (R-CUS-7,
R-PRO-8), assignment and bulk assignment (R-CUS-2)."""

import csv
import io
from datetime import date
from decimal import Decimal

from django.urls import reverse

from compliance.models import CustomerDataAccess
from customers import services
from customers.models import Assignment
from tests.customers.helpers import new_held_customers
from tests.factories import CustomerFactory


def login(client, user):
    client.force_login(user)
    return client


def test_list_is_scoped_and_masks_the_phone(client, bank, customer_a, customer_b):
    body = login(client, bank.head_a).get(reverse("customer-list")).content.decode()
    assert "城东科技有限公司" in body and "城西贸易有限公司" not in body
    assert "138****5678" in body and "13812345678" not in body


def test_account_manager_sees_only_customers_they_hold(client, bank, customer_a):
    other = CustomerFactory(unit=bank.sub_a, name="别人的客户")
    services.assignment_create(
        actor=bank.head_a,
        customer=customer_a,
        manager=bank.am_a,
        credit_share=Decimal("1"),
        start_date=date(2026, 1, 1),
    )
    body = login(client, bank.am_a_user).get(reverse("customer-list")).content.decode()
    assert "城东科技有限公司" in body and "别人的客户" not in body
    assert client.get(reverse("customer-detail", args=[other.pk])).status_code == 404


def test_detail_masks_until_revealed_with_a_purpose_and_logs_it(client, bank, customer_a):
    login(client, bank.head_a)
    url = reverse("customer-detail", args=[customer_a.pk])
    page = client.get(url)
    assert page.context["id_number"] == "110***********002X"
    assert "11010519491231002X" not in page.content.decode()

    refused = client.post(url, {"purpose": ""})
    assert refused.context["reveal_form"].errors["purpose"]
    assert not CustomerDataAccess.objects.exists()

    shown = client.post(url, {"purpose": "核实客户身份办理贷款"}, REMOTE_ADDR="10.1.2.3")
    assert "11010519491231002X" in shown.content.decode()
    entry = CustomerDataAccess.objects.get()
    assert (entry.user, entry.action, entry.customer_numbers) == (
        bank.head_a,
        "reveal",
        [customer_a.number],
    )
    assert entry.purpose == "核实客户身份办理贷款" and entry.ip_address == "10.1.2.3"


def test_hr_cannot_reveal(client, bank, customer_a):
    login(client, bank.hr)
    url = reverse("customer-detail", args=[customer_a.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"purpose": "想看看"}).status_code == 403
    assert not CustomerDataAccess.objects.exists()


def test_export_is_masked_and_logged(client, bank, customer_a, customer_b):
    login(client, bank.hr)
    response = client.get(reverse("customer-export"))
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert len(rows) == 3 and "138****5678" in content and "13812345678" not in content
    entry = CustomerDataAccess.objects.get()
    assert entry.action == "export" and set(entry.customer_numbers) == {
        customer_a.number,
        customer_b.number,
    }


def test_assign_from_the_detail_page_reports_rule_errors(client, bank, customer_a):
    login(client, bank.head_a)
    url = reverse("customer-assign", args=[customer_a.pk])
    client.post(url, {"manager": bank.am_a.pk, "credit_share": "70%", "start_date": "2026-01-01"})
    response = client.post(
        url,
        {"manager": bank.am_a1.pk, "credit_share": "40", "start_date": "2026-01-01"},
        follow=True,
    )
    assert "R-CUS-4" in response.content.decode()
    assert [a.credit_share for a in Assignment.objects.all()] == [Decimal("0.7")]


def test_unassigned_list_and_bulk_assignment(client, bank, customer_a):
    second = CustomerFactory(unit=bank.sub_a, name="第二家")
    CustomerFactory(unit=bank.sub_b, name="乙方客户")
    login(client, bank.head_a)
    page = client.get(reverse("customers-unassigned"))
    assert {c.name for c in page.context["page"]} == {"城东科技有限公司", "第二家"}
    client.post(
        reverse("customers-unassigned"),
        {
            "customers": [customer_a.pk, second.pk],
            "manager": bank.am_a.pk,
            "credit_share": "1",
            "start_date": "2026-01-01",
        },
    )
    assert Assignment.objects.filter(manager=bank.am_a).count() == 2
    assert not client.get(reverse("customers-unassigned")).context["page"].object_list


def test_access_log_is_for_compliance(client, bank, customer_a):
    login(client, bank.head_a).post(
        reverse("customer-detail", args=[customer_a.pk]), {"purpose": "核实身份信息"}
    )
    assert client.get(reverse("access-log")).status_code == 403
    page = login(client, bank.compliance).get(
        reverse("access-log"), {"customer": customer_a.number}
    )
    assert [e.user for e in page.context["page"]] == [bank.head_a]


def test_customer_list_query_count_is_constant(client, bank, django_assert_max_num_queries):
    login(client, bank.hr)
    new_held_customers(2, manager=bank.am_a, actor=bank.hr)
    with django_assert_max_num_queries(12) as before:
        client.get(reverse("customer-list"))
    new_held_customers(20, manager=bank.am_b, actor=bank.hr)
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("customer-list"))
