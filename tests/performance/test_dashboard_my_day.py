"""The account manager's day (R-MTG-1, R-VIS-2, R-JNL-1, R-VIS-1, R-ELG-5): am_a's
meeting, yesterday's opinion and today's work, journal, outings, customers due a visit,
indicators and the gap to the next grade."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from customers.models import Outing
from managers.choices import JournalStatus
from managers.models import JournalReview, WorkJournal
from performance.rule_defaults import wan
from tests.performance.dashboard_bank import build_small_bank

URL = "/performance/my-day/"


@pytest.fixture
def am_day(bank, levels):
    build_small_bank(bank, levels)
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    journal = WorkJournal.objects.create(
        manager=bank.am_a,
        day=yesterday,
        results="走访城东客户",
        status=JournalStatus.REVIEWED,
        submitted_at=timezone.now() - timedelta(hours=12),
    )
    JournalReview.objects.create(
        journal=journal,
        reviewer=bank.head_a,
        opinion="贷后检查要细致",
        next_day_work="拜访城东重点客户",
        work_day=today,
    )
    now = timezone.now()
    Outing.objects.create(
        manager=bank.am_a,
        destination="城东工业园",
        purpose="贷后检查",
        left_at=now,
        expected_return_at=now + timedelta(hours=2),
    )
    return bank


def my_day(client, user):
    client.force_login(user)
    return client.get(URL)


def test_am_a_sees_their_day(client, am_day):
    response = my_day(client, am_day.am_a_user)
    assert response.status_code == 200
    day = response.context["day"]
    assert day.manager == am_day.am_a
    assert day.review.opinion == "贷后检查要细致"
    assert day.journal is None
    assert [outing.destination for outing in day.outings_today] == ["城东工业园"]
    assert day.open_outings == 1
    # Only the customers am_a holds: CA, never visited.
    assert [customer.number for customer in day.due_visits] == ["CA"]
    assert day.due_visits_count == 1
    body = response.content.decode()
    for text in ("贷后检查要细致", "拜访城东重点客户", "城东工业园", reverse("my-journal")):
        assert text in body


def test_indicators_and_gap_to_the_next_grade(client, am_day, levels):
    indicators = my_day(client, am_day.am_a_user).context["day"].indicators
    assert indicators.result.evaluation.period == "2026Q3"
    assert indicators.result.deposits == wan(3800)
    assert indicators.eligible_grade_name == levels["L3"].name
    # The gap is to the grade above the current one (L4 → L3), as on 我的业绩指标.
    assert indicators.next_grade_name == levels["L3"].name
    assert indicators.gap.grade_code == "L3"


def test_without_evaluation_or_review(client, bank):
    response = my_day(client, bank.am_b_user)
    assert response.status_code == 200
    day = response.context["day"]
    assert day.indicators is None and day.review is None
    assert "乙经理" in response.content.decode()


def test_am_b_sees_nothing_of_am_a(client, am_day):
    body = my_day(client, am_day.am_b_user).content.decode()
    for text in ("贷后检查要细致", "城东工业园", "CA"):
        assert text not in body


@pytest.mark.parametrize("user", ["head_a", "hr", "admin"])
def test_only_account_managers_have_a_day(client, am_day, user):
    assert my_day(client, getattr(am_day, user)).status_code == 404


def test_journal_status_of_today(client, am_day):
    WorkJournal.objects.create(manager=am_day.am_a, day=timezone.localdate())
    body = my_day(client, am_day.am_a_user).content.decode()
    assert 'data-testid="journal-status">' in body
    assert my_day(client, am_day.am_a_user).context["day"].journal.status == JournalStatus.DRAFT
