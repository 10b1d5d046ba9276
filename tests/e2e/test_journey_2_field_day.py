"""Journey 2 (R-VIS-1, R-VIS-2, R-JNL-1): an account manager's day on a phone — register an
outing to a customer, log the visit from the outing's card, tap "I'm back"; the visit is
already in the day's journal, which they keep as a draft and then submit. The unit head,
on a desktop, sees the visit, opens the journal from the review queue, signs an opinion and
assigns the next day's work; the account manager reads both on the phone."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from customers.models import Outing, Visit
from managers.models import WorkJournal
from tests.e2e.test_customers import held_customer
from tests.e2e.test_login import log_in


def test_outing_visit_and_journal_on_a_phone_then_the_head_reviews_it(
    phone_page, page, live_server, bank, steps
):
    customer = held_customer(bank)
    phone, head = phone_page, page

    # The outing, registered before leaving (R-VIS-2).
    log_in(phone, live_server.url, "am_a")
    phone.goto(f"{live_server.url}/customers/outings/")
    phone.get_by_test_id("register-outing").click()
    back_by = timezone.localtime() + timedelta(hours=2)
    phone.fill("#id_destination", "城东科技有限公司财务部")
    phone.select_option("#id_customer", str(customer.pk))
    phone.fill("#id_purpose", "了解年末资金需求")
    phone.fill("#id_expected_return_at", back_by.strftime("%Y-%m-%dT%H:%M"))
    steps.shot(phone, "outing-form")
    phone.get_by_test_id("outing-form").locator("button[type=submit]").click()
    card = phone.locator("[data-testid^=my-open-]")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("城东科技有限公司财务部")
    steps.shot(phone, "open-outing")

    # The visit, logged from the outing's card (R-VIS-1).
    card.locator("a").first.click()
    phone.fill("#id_person_met", "王会计")
    phone.fill("#id_purpose", "了解年末资金需求")
    phone.fill("#id_outcome", "客户计划年末增加存款500万元")
    phone.get_by_test_id("visit-form").locator("button[type=submit]").click()
    expect(phone.locator(".alert-success")).to_be_visible()
    visit = Visit.objects.get()
    assert visit.customer == customer and visit.outing == Outing.objects.get()

    phone.goto(f"{live_server.url}/customers/outings/")
    phone.locator("[data-testid^=im-back-]").click()
    expect(phone.locator("[data-testid^=my-open-]")).to_have_count(0)
    assert Outing.objects.get().returned_at is not None

    # The journal: the visit is already in it; a draft first, then the submission.
    phone.goto(f"{live_server.url}/journals/")
    expect(phone.get_by_test_id(f"visit-{visit.pk}")).to_contain_text(customer.name)
    phone.fill("#id_credit_marketing", "走访城东科技，营销年末存款")
    phone.get_by_test_id("save-draft").click()
    phone.goto(f"{live_server.url}/journals/")
    expect(phone.locator("#id_credit_marketing")).to_have_value("走访城东科技，营销年末存款")
    phone.fill("#id_results", "客户承诺年末增存500万元")
    steps.shot(phone, "journal")
    phone.get_by_test_id("submit").click()
    expect(phone.get_by_test_id("submitted-journal")).to_contain_text("客户承诺年末增存500万元")
    journal = WorkJournal.objects.get(manager=bank.am_a)

    # The head, on a desktop: the visit in the unit's list, the journal in the queue.
    log_in(head, live_server.url, "head_a")
    head.goto(f"{live_server.url}/customers/visits/")
    expect(head.locator("main")).to_contain_text("城东科技有限公司")
    head.goto(f"{live_server.url}/journals/reviews/")
    head.get_by_test_id(f"journal-{journal.pk}").click()
    expect(head.get_by_test_id("day-activity")).to_contain_text(customer.name)
    expect(head.get_by_test_id("journal-sections")).to_contain_text("客户承诺年末增存500万元")
    head.fill("#id_opinion", "已阅，抓紧落实存款")
    head.fill("#id_next_day_work", "跟进城东科技开户资料")
    steps.shot(head, "review")
    head.get_by_test_id("sign").click()
    expect(head.locator(".alert-success")).to_be_visible()  # back in the queue, now empty
    expect(head.get_by_test_id(f"journal-{journal.pk}")).to_have_count(0)

    # The account manager reads the opinion and tomorrow's work.
    phone.goto(f"{live_server.url}/journals/")
    expect(phone.get_by_test_id("opinion")).to_have_text("已阅，抓紧落实存款")
    expect(phone.get_by_test_id("next-day-work")).to_have_text("跟进城东科技开户资料")
    steps.shot(phone, "reviewed")
