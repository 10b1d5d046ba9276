"""R-PRO-11: rotation every 3 years (configurable), listed ahead of time on a page and
in the API (`rotations`: manager, customers held, held since, due date; filters unit and
due_before), scoped, with constant query counts."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from compliance.rotation import RotationPolicy
from customers.choices import CreditBasis
from customers.models import Assignment
from tests.compliance.rest_helpers import hold
from tests.conftest import PASSWORD

ROTATIONS = "/api/v1/rotations/"


def years_ago(years: int, days: int = 0) -> date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) + timedelta(days=days)


def test_policy_is_seeded_with_three_years_and_90_days(db):
    policy = RotationPolicy.objects.get()
    assert (policy.years, policy.notice_days, policy.cooling_off_days) == (3, 90, 365)


def test_api_lists_holders_with_due_dates_and_filters(bank, api_client_for):
    since = years_ago(3, days=30)  # due in 30 days
    hold(bank.am_a, since, bank.head_a, count=2)
    hold(bank.am_a1, years_ago(1), bank.head_a)
    hold(bank.am_b, years_ago(4), bank.head_b)
    api = api_client_for(bank.hr)
    rows = {r["manager"]: r for r in api.get(ROTATIONS).json()["results"]}
    assert rows[bank.am_a.pk]["customers_held"] == 2
    assert rows[bank.am_a.pk]["held_since"] == since.isoformat()
    assert rows[bank.am_a.pk]["due_on"] == (since.replace(year=since.year + 3)).isoformat()
    soon = (timezone.localdate() + timedelta(days=90)).isoformat()
    due = api.get(ROTATIONS, {"due_before": soon}).json()["results"]
    assert {r["manager"] for r in due} == {bank.am_a.pk, bank.am_b.pk}
    in_b = api.get(ROTATIONS, {"unit": bank.sub_b.pk}).json()["results"]
    assert [r["manager"] for r in in_b] == [bank.am_b.pk]
    scoped = api_client_for(bank.head_b).get(ROTATIONS).json()["results"]
    assert [r["manager"] for r in scoped] == [bank.am_b.pk]
    assert api_client_for(bank.am_a_user).get(ROTATIONS).status_code == 403


def test_ended_and_baseline_assignments_are_not_held(bank, api_client_for):
    ended, baseline = hold(bank.am_a, years_ago(5), bank.head_a, count=2)
    ended.end_date = years_ago(1)
    ended.save()
    Assignment.objects.filter(pk=baseline.pk).update(basis=CreditBasis.BASELINE)
    assert api_client_for(bank.hr).get(ROTATIONS).json()["count"] == 0


def test_page_lists_rotations_due_within_the_notice(bank, client):
    hold(bank.am_a, years_ago(3, days=30), bank.head_a)
    hold(bank.am_b, years_ago(2), bank.head_b)
    client.login(username="hr", password=PASSWORD)
    response = client.get(reverse("rotation-due"))
    assert response.status_code == 200
    assert [row.pk for row in response.context["page"]] == [bank.am_a.pk]
    client.login(username="am_a", password=PASSWORD)
    assert client.get(reverse("rotation-due")).status_code == 403


def test_query_counts_are_constant(bank, client, api_client_for, django_assert_max_num_queries):
    for manager in (bank.am_a, bank.am_a1, bank.am_b):
        hold(manager, years_ago(3), bank.head_a, count=3)
    api = api_client_for(bank.hr)
    client.login(username="hr", password=PASSWORD)
    with django_assert_max_num_queries(8):
        assert api.get(ROTATIONS).json()["count"] == 3
    with django_assert_max_num_queries(14):
        client.get(reverse("rotation-due"))
