"""R-JNL-1 journal pages: an account manager's phone-sized journal of the day (drafts,
submit, the day's visits and outings, yesterday's opinion and today's assigned work),
the history, the head's review queue and review (R-VIS-2); scoped, 404 outside the scope,
bad input refused with nothing saved, constant query counts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from customers import visit_services
from managers.choices import JournalStatus
from managers.models import JournalReview, WorkJournal
from tests.customers.helpers import at, hold
from tests.factories import AccountManagerFactory, CustomerFactory, UserFactory
from tests.managers.journal_factories import WorkJournalFactory, reviewed, submitted

MY_JOURNAL = reverse("my-journal")


def login(client, user):
    client.force_login(user)
    return client


def journal_data(day, action="draft", **sections) -> dict:
    data = {"day": day.isoformat(), "action": action}
    return data | (sections or {"credit_marketing": "走访东城制造", "results": "新增意向1户"})


def today():
    return timezone.localdate()


# --- the account manager's journal of the day ----------------------------------------------


def test_am_keeps_a_draft_then_submits(client, bank):
    login(client, bank.am_a_user)
    page = client.get(MY_JOURNAL)
    assert page.context["day"] == today() and page.context["form"] is not None
    assert 'name="credit_marketing"' in page.content.decode()
    response = client.post(MY_JOURNAL, journal_data(today()))
    assert response.status_code == 302
    assert WorkJournal.objects.get().status == JournalStatus.DRAFT
    form = client.get(response["Location"]).context["form"]
    assert form["credit_marketing"].value() == "走访东城制造"  # the draft comes back
    client.post(MY_JOURNAL, journal_data(today(), "submit", results="新增存款200万元"))
    journal = WorkJournal.objects.get()
    assert (journal.status, journal.results) == (JournalStatus.SUBMITTED, "新增存款200万元")
    page = client.get(MY_JOURNAL)
    assert page.context["form"] is None
    assert 'data-testid="submitted-journal"' in page.content.decode()


def test_a_future_day_is_refused_and_nothing_saved(client, bank):
    login(client, bank.am_a_user)
    tomorrow = today() + timedelta(days=1)
    page = client.get(MY_JOURNAL, {"day": tomorrow.isoformat()})
    assert page.context["form"] is None and 'data-testid="future-day"' in page.content.decode()
    response = client.post(MY_JOURNAL, journal_data(tomorrow, "submit"))
    assert response.status_code == 200
    assert 'data-testid="error-day"' in response.content.decode()
    assert not WorkJournal.objects.exists()


def test_a_submitted_journal_is_not_changed_by_posting_again(client, bank):
    journal = submitted(bank.am_a, today(), when=timezone.now())
    login(client, bank.am_a_user)
    response = client.post(MY_JOURNAL, journal_data(today(), "submit", results="第二份"))
    assert response.status_code == 200
    assert 'data-testid="form-error"' in response.content.decode()
    journal.refresh_from_db()
    assert journal.results != "第二份" and WorkJournal.objects.count() == 1


def test_the_days_visits_and_outings_are_attached(client, bank):
    day = today() - timedelta(days=1)
    customer = hold(CustomerFactory(name="东城制造", unit=bank.sub_a), bank.am_a, bank.head_a)
    outing = visit_services.outing_register(
        actor=bank.am_a_user,
        destination="东城工业园",
        purpose="走访",
        left_at=at(day, 9),
        expected_return_at=at(day, 11),
        customer=customer,
    )
    visit_services.visit_create(
        actor=bank.am_a_user,
        customer=customer,
        method="on_site",
        visited_at=at(day, 10),
        person_met="王总",
        purpose="了解融资需求",
        outcome="有扩产计划",
        outing=outing,
    )
    visit_services.visit_create(  # the day before: not attached
        actor=bank.am_a_user,
        customer=customer,
        method="phone",
        visited_at=at(day - timedelta(days=1), 23, 30),
        person_met="李会计",
        purpose="催收利息",
        outcome="已结清",
    )
    page = login(client, bank.am_a_user).get(MY_JOURNAL, {"day": day.isoformat()})
    assert [v.person_met for v in page.context["visits"]] == ["王总"]
    assert list(page.context["outings"]) == [outing]
    assert "东城工业园" in page.content.decode()
    journal = submitted(bank.am_a, day)
    detail = login(client, bank.head_a).get(reverse("journal-detail", args=[journal.pk]))
    assert [v.person_met for v in detail.context["visits"]] == ["王总"]
    listed = client.get(reverse("journal-list")).context["page"][0]
    assert (listed.visit_count, listed.outing_count) == (1, 1)


def test_yesterdays_opinion_and_todays_work_are_shown(client, bank):
    yesterday = today() - timedelta(days=1)
    journal = submitted(bank.am_a, yesterday)
    reviewed(journal, bank.head_a, next_day_work="上午走访东城制造", work_day=today())
    body = login(client, bank.am_a_user).get(MY_JOURNAL).content.decode()
    assert 'data-testid="previous-review"' in body
    assert "已阅，继续保持" in body and "上午走访东城制造" in body
    assert "今日工作安排" in body  # "Work assigned for today", in Chinese


# --- scope ------------------------------------------------------------------------------------


def test_another_account_managers_journal_answers_404(client, bank):
    journal = submitted(bank.am_a, today())
    assert (
        login(client, bank.am_b_user).get(reverse("journal-detail", args=[journal.pk])).status_code
        == 404
    )
    assert (
        login(client, bank.head_b).get(reverse("journal-detail", args=[journal.pk])).status_code
        == 404
    )
    assert (
        login(client, bank.am_a_user).get(reverse("journal-detail", args=[journal.pk])).status_code
        == 200
    )


@pytest.mark.parametrize(
    ("user_attr", "expected"),
    [("am_a_user", ["甲经理"]), ("head_a", ["甲经理", "网点经理"]), ("head_b", ["乙经理"])],
)
def test_journal_list_is_scoped(client, bank, user_attr, expected):
    for manager in (bank.am_a, bank.am_a1, bank.am_b):
        submitted(manager, today())
    page = login(client, getattr(bank, user_attr)).get(reverse("journal-list")).context["page"]
    assert sorted(journal.manager.name for journal in page) == sorted(expected)


def test_only_account_managers_open_my_journal(client, bank):
    for user in (bank.head_a, bank.hr, bank.admin):
        assert login(client, user).get(MY_JOURNAL).status_code == 403
    unlinked = UserFactory(role="account_manager", org_unit=bank.sub_a)
    assert login(client, unlinked).get(MY_JOURNAL).status_code == 403


# --- the head's review queue ------------------------------------------------------------------


def test_head_reviews_from_the_queue(client, bank):
    journal = submitted(bank.am_a, today() - timedelta(days=1))
    WorkJournalFactory(manager=bank.am_a, day=today())  # a draft: not in the queue
    login(client, bank.head_a)
    assert list(client.get(reverse("journal-review-queue")).context["page"]) == [journal]
    detail = reverse("journal-detail", args=[journal.pk])
    assert client.get(detail).context["form"] is not None
    response = client.post(detail, {"opinion": "已阅", "next_day_work": "走访重点客户"})
    assert response["Location"] == reverse("journal-review-queue")
    review = JournalReview.objects.get()
    assert (review.reviewer, review.next_day_work) == (bank.head_a, "走访重点客户")
    assert not client.get(reverse("journal-review-queue")).context["page"]


def test_review_without_opinion_shows_the_error_and_saves_nothing(client, bank):
    journal = submitted(bank.am_a, today())
    response = login(client, bank.officer_a).post(
        reverse("journal-detail", args=[journal.pk]), {"opinion": ""}
    )
    assert response.status_code == 200 and response.context["form"].errors["opinion"]
    assert not JournalReview.objects.exists()


def test_head_b_neither_sees_nor_reviews_as_journals(client, bank):
    journal = submitted(bank.am_a, today())
    login(client, bank.head_b)
    assert journal not in client.get(reverse("journal-review-queue")).context["page"]
    response = client.post(reverse("journal-detail", args=[journal.pk]), {"opinion": "已阅"})
    assert response.status_code == 404 and not JournalReview.objects.exists()


@pytest.mark.parametrize("user_attr", ["am_a_user", "hr", "compliance"])
def test_non_reviewers_cannot_review(client, bank, user_attr):
    journal = submitted(bank.am_a, today())
    login(client, getattr(bank, user_attr))
    response = client.post(reverse("journal-detail", args=[journal.pk]), {"opinion": "已阅"})
    assert response.status_code == 403 and not JournalReview.objects.exists()


# --- constant query counts --------------------------------------------------------------------


def more_journals(bank, n: int):
    day = today() - timedelta(days=3)
    for index in range(n):
        user = UserFactory(role="account_manager", org_unit=bank.sub_a)
        manager = AccountManagerFactory(unit=bank.sub_a, user=user)
        journal = submitted(manager, day)
        if index % 2:
            reviewed(journal, bank.head_a, next_day_work="走访")


@pytest.mark.parametrize("url_name", ["journal-list", "journal-review-queue"])
def test_lists_keep_a_constant_query_count(client, bank, url_name, django_assert_max_num_queries):
    submitted(bank.am_a, today())
    login(client, bank.head_a)
    with django_assert_max_num_queries(15) as before:
        client.get(reverse(url_name))
    more_journals(bank, 12)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(reverse(url_name)).context["page"].paginator.count >= 7


def test_my_journal_keeps_a_constant_query_count(client, bank, django_assert_max_num_queries):
    day = today() - timedelta(days=1)
    customer = hold(CustomerFactory(unit=bank.sub_a), bank.am_a, bank.head_a)
    WorkJournalFactory(manager=bank.am_a, day=day)

    def visit(hour):
        visit_services.visit_create(
            actor=bank.am_a_user,
            customer=customer,
            method="phone",
            visited_at=at(day, hour),
            person_met="王总",
            purpose="p",
            outcome="o",
        )

    visit(8)
    login(client, bank.am_a_user)
    with django_assert_max_num_queries(20) as before:
        client.get(MY_JOURNAL, {"day": day.isoformat()})
    for hour in range(9, 20):
        visit(hour)
    with django_assert_max_num_queries(len(before.captured_queries)):
        page = client.get(MY_JOURNAL, {"day": day.isoformat()})
    assert len(page.context["visits"]) == 12


def test_journal_detail_keeps_a_constant_query_count(client, bank, django_assert_max_num_queries):
    day = today() - timedelta(days=1)
    customer = hold(CustomerFactory(unit=bank.sub_a), bank.am_a, bank.head_a)
    journal = submitted(bank.am_a, day)
    url = reverse("journal-detail", args=[journal.pk])
    login(client, bank.head_a)
    with django_assert_max_num_queries(20) as before:
        client.get(url)
    for hour in range(8, 20):
        visit_services.visit_create(
            actor=bank.am_a_user,
            customer=customer,
            method="phone",
            visited_at=at(day, hour),
            person_met="王总",
            purpose="p",
            outcome="o",
        )
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert len(client.get(url).context["visits"]) == 12


@pytest.mark.parametrize(
    ("user_attr", "tabs"),
    [
        ("am_a_user", ["my-journal", "journal-list"]),
        (
            "head_a",
            [
                "journal-list",
                "journal-review-queue",
                "journal-missing",
                "journal-rates",
                "spot-check-list",
            ],
        ),
        ("officer_a", ["journal-list", "journal-review-queue", "journal-missing", "journal-rates"]),
        ("hr", ["journal-list", "journal-missing", "journal-rates"]),
    ],
)
def test_tabs_fit_the_role(client, bank, user_attr, tabs):
    body = login(client, getattr(bank, user_attr)).get(reverse("journal-list")).content.decode()
    nav = body.split('data-testid="journal-tabs"')[1].split("</ul>")[0]
    assert [name for name in TAB_NAMES if f'href="{reverse(name)}"' in nav] == tabs


TAB_NAMES = [
    "my-journal",
    "journal-list",
    "journal-review-queue",
    "journal-missing",
    "journal-rates",
    "spot-check-list",
]
