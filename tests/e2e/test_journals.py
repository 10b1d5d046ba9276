"""Journey (R-JNL-1, R-VIS-2): on a phone an account manager finds the day's visit already
in the journal, keeps a draft, submits; the unit head reviews it on a desktop, signs an
opinion and assigns the next day's work; the account manager reads them."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from customers.models import Visit
from managers.models import WorkJournal
from tests.e2e.test_customers import held_customer
from tests.e2e.test_login import log_in


def test_write_submit_and_review_a_journal(phone_page, browser, live_server, bank):
    customer = held_customer(bank)
    visit = Visit.objects.create(
        manager=bank.am_a,
        customer=customer,
        method="on_site",
        visited_at=timezone.localtime() - timedelta(minutes=5),
        person_met="王会计",
        purpose="了解年末资金需求",
        outcome="客户计划年末增加存款500万元",
    )
    page = phone_page
    log_in(page, live_server.url, "am_a")
    page.goto(f"{live_server.url}/journals/")
    expect(page.get_by_test_id(f"visit-{visit.pk}")).to_contain_text(customer.name)

    page.fill("#id_credit_marketing", "走访城东科技，营销年末存款")
    page.get_by_test_id("save-draft").click()
    page.goto(f"{live_server.url}/journals/")
    expect(page.locator("#id_credit_marketing")).to_have_value("走访城东科技，营销年末存款")
    page.fill("#id_results", "客户承诺年末增存500万元")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("submitted-journal")).to_contain_text("客户承诺年末增存500万元")
    journal = WorkJournal.objects.get(manager=bank.am_a)

    head = browser.new_page(viewport={"width": 1280, "height": 800})
    log_in(head, live_server.url, "head_a")
    head.goto(f"{live_server.url}/journals/reviews/")
    head.get_by_test_id(f"journal-{journal.pk}").click()
    expect(head.get_by_test_id("day-activity")).to_contain_text(customer.name)
    head.fill("#id_opinion", "已阅，抓紧落实存款")
    head.fill("#id_next_day_work", "跟进城东科技开户资料")
    head.get_by_test_id("sign").click()
    expect(head.locator(".alert-success")).to_be_visible()  # back in the queue, now empty
    expect(head.get_by_test_id(f"journal-{journal.pk}")).to_have_count(0)
    head.close()

    page.goto(f"{live_server.url}/journals/")
    expect(page.get_by_test_id("opinion")).to_have_text("已阅，抓紧落实存款")
    expect(page.get_by_test_id("next-day-work")).to_have_text("跟进城东科技开户资料")
