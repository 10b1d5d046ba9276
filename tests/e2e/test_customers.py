"""Journey: a unit head reveals a customer's personal data and compliance finds the access.
(The outing and visit on a phone are journey 2, test_journey_2_field_day.py.)"""

from datetime import date
from decimal import Decimal

from playwright.sync_api import expect

from customers.models import Assignment
from tests.e2e.test_login import log_in
from tests.factories import CustomerFactory


def held_customer(bank):
    customer = CustomerFactory(
        unit=bank.sub_a,
        name="城东科技有限公司",
        id_number="11010519491231002X",
        phone="13812345678",
    )
    Assignment.objects.create(
        customer=customer,
        manager=bank.am_a,
        credit_share=Decimal("1"),
        start_date=date(2026, 1, 1),
        created_by=bank.head_a,
    )
    return customer


def test_head_reveals_personal_data_and_compliance_sees_the_access(
    page, browser, live_server, bank
):
    customer = held_customer(bank)
    log_in(page, live_server.url, "head_a")
    page.goto(f"{live_server.url}/customers/{customer.pk}/")
    expect(page.get_by_test_id("id-number")).to_have_text("110***********002X")
    page.fill("#id_purpose", "核实客户身份办理贷款")
    page.get_by_test_id("reveal-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("id-number")).to_have_text("11010519491231002X")
    expect(page.get_by_test_id("phone")).to_have_text("13812345678")

    officer = browser.new_page()
    log_in(officer, live_server.url, "compliance")
    officer.goto(f"{live_server.url}/compliance/access-log/")
    row = officer.get_by_test_id("access-log-table").locator("tbody tr").first
    expect(row).to_contain_text("head_a")
    expect(row).to_contain_text("核实客户身份办理贷款")
    expect(row).to_contain_text(customer.number)
    officer.close()
