"""Journeys: an account manager registers an outing, logs a visit and comes back on a
phone; a unit head reveals a customer's personal data and compliance finds the access."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from customers.models import Assignment, Outing, Visit
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


def test_outing_visit_and_return_on_a_phone(phone_page, browser, live_server, bank):
    customer = held_customer(bank)
    page = phone_page
    log_in(page, live_server.url, "am_a")
    page.goto(f"{live_server.url}/customers/outings/new/")
    back_by = timezone.localtime() + timedelta(hours=2)
    page.fill("#id_destination", "城东科技有限公司财务部")
    page.select_option("#id_customer", str(customer.pk))
    page.fill("#id_purpose", "了解年末资金需求")
    page.fill("#id_expected_return_at", back_by.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_test_id("outing-form").locator("button[type=submit]").click()

    card = page.locator("[data-testid^=my-open-]")
    expect(card).to_have_count(1)
    card.locator("a").first.click()
    page.fill("#id_person_met", "王会计")
    page.fill("#id_purpose", "了解年末资金需求")
    page.fill("#id_outcome", "客户计划年末增加存款500万元")
    page.get_by_test_id("visit-form").locator("button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    visit = Visit.objects.get()
    assert visit.customer == customer and visit.outing == Outing.objects.get()

    page.goto(f"{live_server.url}/customers/outings/")
    page.locator("[data-testid^=im-back-]").click()
    expect(page.locator("[data-testid^=my-open-]")).to_have_count(0)
    assert Outing.objects.get().returned_at is not None

    head = browser.new_page()
    log_in(head, live_server.url, "head_a")
    head.goto(f"{live_server.url}/customers/visits/")
    expect(head.locator("body")).to_contain_text("城东科技有限公司")
    head.close()


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
