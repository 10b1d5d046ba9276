"""R-JNL-1 missing/late journals and submission-rate pages: a period picker and a unit
filter limited to the head's subtree, working days on the official calendar across the
2026 National Day holiday, a warning for a year nobody entered, constant query counts."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import AccountManagerFactory
from tests.managers.journal_factories import at, submitted

PERIOD = {"start": "2026-09-28", "end": "2026-10-12"}


@pytest.fixture
def journals(bank):
    """am_a: on time 28 Sep and Saturday 10 Oct, late 30 Sep; am_b: on time 28 Sep."""
    submitted(bank.am_a, date(2026, 9, 28))
    submitted(bank.am_a, date(2026, 10, 10))
    submitted(bank.am_a, date(2026, 9, 30), when=at(date(2026, 10, 8), 10))
    submitted(bank.am_b, date(2026, 9, 28))


def get(client, user, url_name, **params):
    client.force_login(user)
    return client.get(reverse(url_name), params)


def test_missing_page_lists_missing_and_late_working_days(client, bank, journals):
    response = get(client, bank.head_a, "journal-missing", **PERIOD)
    rows = {row.manager: row for row in response.context["page"]}
    assert set(rows) == {bank.am_a, bank.am_a1}
    assert rows[bank.am_a].missing_days == [
        date(2026, 9, 29),
        date(2026, 10, 8),
        date(2026, 10, 9),
        date(2026, 10, 12),
    ]
    assert rows[bank.am_a].late_days == [date(2026, 9, 30)]
    body = response.content.decode()
    assert "10-09" in body and "10-03" not in body  # 3 October is a holiday
    assert 'data-testid="missing-years"' not in body


def test_rates_page_shows_exact_rates(client, bank, journals):
    response = get(client, bank.head_a, "journal-rates", **PERIOD)
    body = response.content.decode()
    assert f'data-testid="rate-{bank.am_a.pk}">28.6%' in body  # 2 on time / 7 due
    assert f'data-testid="rate-{bank.am_a1.pk}">0.0%' in body
    assert 'data-testid="total-rate">14.3%' in body  # 2 / 14
    assert f'data-testid="manager-{bank.am_b.pk}"' not in body


def test_the_unit_filter_stays_within_the_subtree(client, bank, journals):
    response = get(client, bank.head_a, "journal-rates", unit=bank.outlet_a1.pk, **PERIOD)
    assert [row.manager for row in response.context["page"]] == [bank.am_a1]
    refused = get(client, bank.head_a, "journal-rates", unit=bank.sub_b.pk, **PERIOD)
    assert refused.context["form"].errors["unit"] and refused.context["report"] is None
    choices = set(refused.context["form"].fields["unit"].queryset)
    assert choices == {bank.sub_a, bank.outlet_a1}


def test_default_period_is_this_month_and_bad_periods_are_errors(client, bank):
    response = get(client, bank.head_a, "journal-missing")
    assert response.context["report"] is not None
    backwards = get(client, bank.head_a, "journal-missing", start="2026-10-12", end="2026-09-01")
    assert backwards.context["form"].errors["end"] and backwards.context["report"] is None
    too_long = get(client, bank.head_a, "journal-missing", start="2024-01-01", end="2026-01-01")
    assert too_long.context["form"].errors["end"]


def test_a_year_nobody_entered_is_announced(client, bank):
    response = get(client, bank.head_a, "journal-missing", start="2027-01-01", end="2027-01-31")
    assert 'data-testid="missing-years"' in response.content.decode()
    assert "2027" in response.content.decode()


@pytest.mark.parametrize("user_attr", ["head_a", "officer_a", "hr", "compliance", "admin"])
def test_supervisors_open_the_report_pages(client, bank, user_attr):
    for url_name in ("journal-missing", "journal-rates"):
        assert get(client, getattr(bank, user_attr), url_name).status_code == 200


def test_account_managers_do_not_open_the_report_pages(client, bank):
    for url_name in ("journal-missing", "journal-rates", "journal-review-queue"):
        assert get(client, bank.am_a_user, url_name).status_code == 403


@pytest.mark.parametrize("url_name", ["journal-missing", "journal-rates"])
def test_report_pages_keep_a_constant_query_count(
    client, bank, journals, url_name, django_assert_max_num_queries
):
    client.force_login(bank.head_a)
    with django_assert_max_num_queries(12) as before:
        client.get(reverse(url_name), PERIOD)
    for _ in range(15):
        manager = AccountManagerFactory(unit=bank.outlet_a1)
        submitted(manager, date(2026, 10, 9), when=at(date(2026, 10, 10), 9))
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get(reverse(url_name), PERIOD)
    assert response.context["report"].total.managers == 17
