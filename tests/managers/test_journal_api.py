"""R-JNL-1 API: `journals` (scoped list/detail with filters; an account manager creates,
changes and submits their own drafts) and `journal-reviews` (list + create by the head or
credit officer of the subtree, R-VIS-2). Bad input is a 400 with nothing saved; lists keep
a constant query count."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from managers.choices import JournalStatus
from managers.models import JournalReview, WorkJournal
from tests.factories import AccountManagerFactory
from tests.managers.journal_factories import WorkJournalFactory, reviewed, submitted

JOURNALS = "/api/v1/journals/"
REVIEWS = "/api/v1/journal-reviews/"


def today():
    return timezone.localdate()


@pytest.fixture
def journals(bank):
    return {
        "a_sep": submitted(bank.am_a, date(2026, 9, 28)),
        "a_oct": reviewed(submitted(bank.am_a, date(2026, 10, 8)), bank.head_a).journal,
        "a_draft": WorkJournalFactory(manager=bank.am_a, day=date(2026, 10, 9)),
        "a1_oct": submitted(bank.am_a1, date(2026, 10, 8)),
        "b_oct": submitted(bank.am_b, date(2026, 10, 8)),
    }


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def pks(journals, *names) -> set[int]:
    return {journals[name].pk for name in names}


# --- reading: scope and filters ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("user_attr", "expected"),
    [
        ("am_a_user", ["a_sep", "a_oct", "a_draft"]),
        ("head_a", ["a_sep", "a_oct", "a_draft", "a1_oct"]),
        ("head_b", ["b_oct"]),
        ("am_b_user", ["b_oct"]),
        ("integration", ["a_sep", "a_oct", "a_draft", "a1_oct", "b_oct"]),
    ],
)
def test_journal_list_is_scoped(bank, journals, api_client_for, user_attr, expected):
    client = api_client_for(getattr(bank, user_attr))
    assert ids(client.get(JOURNALS)) == pks(journals, *expected)


def test_journal_filters(bank, journals, api_client_for):
    client = api_client_for(bank.hr)
    assert ids(client.get(JOURNALS, {"unit": bank.outlet_a1.pk})) == pks(journals, "a1_oct")
    assert ids(client.get(JOURNALS, {"unit": bank.sub_a.pk})) == pks(
        journals, "a_sep", "a_oct", "a_draft", "a1_oct"
    )
    assert ids(client.get(JOURNALS, {"manager": bank.am_b.pk})) == pks(journals, "b_oct")
    october = {"day_from": "2026-10-01", "day_to": "2026-10-08"}
    assert ids(client.get(JOURNALS, october)) == pks(journals, "a_oct", "a1_oct", "b_oct")
    assert ids(client.get(JOURNALS, {"status": "draft"})) == pks(journals, "a_draft")
    assert ids(client.get(JOURNALS, {"status": "reviewed"})) == pks(journals, "a_oct")


def test_filters_by_out_of_scope_ids_are_errors(bank, journals, api_client_for):
    client = api_client_for(bank.head_b)
    assert client.get(JOURNALS, {"unit": bank.sub_a.pk}).status_code == 400
    assert client.get(JOURNALS, {"manager": bank.am_a.pk}).status_code == 400


def test_detail_outside_the_scope_is_404(bank, journals, api_client_for):
    url = f"{JOURNALS}{journals['a_sep'].pk}/"
    assert api_client_for(bank.am_b_user).get(url).status_code == 404
    assert api_client_for(bank.head_b).get(url).status_code == 404
    row = api_client_for(bank.head_a).get(url).json()
    assert (row["manager"], row["status"], row["review"]) == (bank.am_a.pk, "submitted", None)
    reviewed_row = api_client_for(bank.head_a).get(f"{JOURNALS}{journals['a_oct'].pk}/").json()
    assert reviewed_row["review"]["opinion"] == "已阅，继续保持"


# --- writing journals -------------------------------------------------------------------------


def test_am_creates_updates_and_submits_a_draft(bank, api_client_for):
    client = api_client_for(bank.am_a_user)
    created = client.post(JOURNALS, {"day": today().isoformat(), "results": "新增存款"})
    assert created.status_code == 201, created.content
    row = created.json()
    assert (row["status"], row["manager"], row["results"]) == ("draft", bank.am_a.pk, "新增存款")
    url = f"{JOURNALS}{row['id']}/"
    changed = client.patch(url, {"lessons": "提前准备材料"})
    assert changed.status_code == 200 and changed.json()["lessons"] == "提前准备材料"
    done = client.post(f"{url}submit/")
    assert done.status_code == 200 and done.json()["status"] == "submitted"
    refused = client.patch(url, {"lessons": "改"})
    assert refused.status_code == 400 and "non_field_errors" in refused.json()
    assert WorkJournal.objects.get().lessons == "提前准备材料"


def test_am_may_submit_when_creating(bank, api_client_for):
    client = api_client_for(bank.am_a_user)
    response = client.post(
        JOURNALS, {"day": today().isoformat(), "results": "x", "submit": True}, format="json"
    )
    assert response.status_code == 201 and response.json()["status"] == "submitted"


def test_future_day_and_second_journal_are_400_with_nothing_saved(bank, api_client_for):
    client = api_client_for(bank.am_a_user)
    tomorrow = (today() + timedelta(days=1)).isoformat()
    response = client.post(JOURNALS, {"day": tomorrow, "results": "x"})
    assert response.status_code == 400 and "day" in response.json()
    assert not WorkJournal.objects.exists()
    assert client.post(JOURNALS, {"day": today().isoformat(), "results": "一"}).status_code == 201
    again = client.post(JOURNALS, {"day": today().isoformat(), "results": "二"})
    assert again.status_code == 400 and "day" in again.json()
    assert list(WorkJournal.objects.values_list("results", flat=True)) == ["一"]


@pytest.mark.parametrize("user_attr", ["head_a", "hr", "integration"])
def test_only_account_managers_write_journals(bank, api_client_for, user_attr):
    client = api_client_for(getattr(bank, user_attr))
    response = client.post(JOURNALS, {"day": today().isoformat(), "results": "x"})
    assert response.status_code == 403
    assert not WorkJournal.objects.exists()


def test_am_cannot_touch_another_managers_journal(bank, journals, api_client_for):
    client = api_client_for(bank.am_b_user)
    url = f"{JOURNALS}{journals['a_draft'].pk}/"
    assert client.patch(url, {"results": "x"}).status_code == 404
    assert client.post(f"{url}submit/").status_code == 404


# --- reviews ----------------------------------------------------------------------------------


def test_head_reviews_through_the_api(bank, journals, api_client_for):
    client = api_client_for(bank.head_a)
    payload = {"journal": journals["a_sep"].pk, "opinion": "已阅", "next_day_work": "走访客户"}
    response = client.post(REVIEWS, payload)
    assert response.status_code == 201, response.content
    row = response.json()
    assert (row["reviewer"], row["manager"], row["next_day_work"]) == (
        bank.head_a.pk,
        bank.am_a.pk,
        "走访客户",
    )
    assert WorkJournal.objects.get(pk=journals["a_sep"].pk).status == JournalStatus.REVIEWED


def test_bad_reviews_are_refused_with_nothing_saved(bank, journals, api_client_for):
    before = JournalReview.objects.count()
    head_b = api_client_for(bank.head_b)
    out_of_scope = head_b.post(REVIEWS, {"journal": journals["a_sep"].pk, "opinion": "已阅"})
    assert out_of_scope.status_code == 400 and "journal" in out_of_scope.json()
    head_a = api_client_for(bank.head_a)
    no_opinion = head_a.post(REVIEWS, {"journal": journals["a_sep"].pk, "opinion": ""})
    assert no_opinion.status_code == 400 and "opinion" in no_opinion.json()
    draft = head_a.post(REVIEWS, {"journal": journals["a_draft"].pk, "opinion": "已阅"})
    assert draft.status_code == 400
    twice = head_a.post(REVIEWS, {"journal": journals["a_oct"].pk, "opinion": "已阅"})
    assert twice.status_code == 400
    am = api_client_for(bank.am_a_user)
    assert am.post(REVIEWS, {"journal": journals["a_sep"].pk, "opinion": "好"}).status_code == 403
    assert JournalReview.objects.count() == before


def test_review_list_is_scoped_and_filtered(bank, journals, api_client_for):
    reviewed(journals["b_oct"], bank.head_b)
    assert len(api_client_for(bank.head_a).get(REVIEWS).json()["results"]) == 1
    assert len(api_client_for(bank.am_b_user).get(REVIEWS).json()["results"]) == 1
    hr = api_client_for(bank.hr)
    assert hr.get(REVIEWS).json()["count"] == 2
    assert hr.get(REVIEWS, {"unit": bank.sub_b.pk}).json()["count"] == 1
    assert hr.get(REVIEWS, {"manager": bank.am_a.pk}).json()["count"] == 1
    assert hr.get(REVIEWS, {"day_from": "2026-10-09"}).json()["count"] == 0


# --- query counts -----------------------------------------------------------------------------


@pytest.mark.parametrize("url", [JOURNALS, REVIEWS])
def test_list_query_counts_are_constant(
    bank, journals, api_client_for, url, django_assert_max_num_queries
):
    client = api_client_for(bank.hr)
    with django_assert_max_num_queries(10) as before:
        client.get(url)
    for index in range(12):
        journal = submitted(AccountManagerFactory(unit=bank.sub_a), date(2026, 10, 8))
        if index % 2 == 0:
            reviewed(journal, bank.head_a, next_day_work="走访")
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(url).json()["count"] > 6
