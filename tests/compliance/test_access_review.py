"""R-PRO-8 review of the access log: more customers revealed or exported by one person
in a day than the threshold (configurable), and access outside working hours or on days
off (official calendar: Sat 10 Oct 2026 worked, 1–7 Oct off). Scoped, constant queries."""

from datetime import date

import pytest
from django.urls import reverse

from compliance.models import CustomerDataAccess
from compliance.rotation import AccessReviewPolicy
from customers.choices import AccessAction
from tests.conftest import PASSWORD
from tests.meetings.helpers import at

REVIEW = "access-review"
PERIOD = {"date_from": "2026-09-28", "date_to": "2026-10-16"}


def log(user, when, count=1, action=AccessAction.REVEAL):
    entry = CustomerDataAccess.objects.create(
        user=user,
        action=action,
        customer_numbers=["C1"],
        customer_count=count,
        fields="phone",
        purpose="贷后检查",
        path="/customers/",
    )
    CustomerDataAccess.objects.filter(pk=entry.pk).update(at=when)
    return entry


@pytest.fixture
def entries(bank):
    AccessReviewPolicy.objects.update(daily_threshold=20)
    return {
        "heavy": log(bank.am_a_user, at(date(2026, 10, 12), 10), count=15),
        "heavy2": log(
            bank.am_a_user, at(date(2026, 10, 12), 11), count=10, action=AccessAction.EXPORT
        ),
        "import": log(
            bank.am_b_user, at(date(2026, 10, 12), 10), count=500, action=AccessAction.IMPORT
        ),
        "holiday": log(bank.am_a_user, at(date(2026, 10, 3), 10)),
        "worked_saturday": log(bank.am_a_user, at(date(2026, 10, 10), 10)),
        "night": log(bank.am_b_user, at(date(2026, 10, 13), 22)),
        "normal": log(bank.am_b_user, at(date(2026, 10, 13), 10)),
    }


def review(client, user, params=PERIOD):
    client.login(username=user, password=PASSWORD)
    return client.get(reverse(REVIEW), params)


def test_heavy_days_and_off_hours_are_highlighted(bank, client, entries):
    context = review(client, "compliance").context
    heavy = context["review"].heavy_days
    assert [(r["user"], r["day"], r["customers"]) for r in heavy] == [
        (bank.am_a_user.pk, date(2026, 10, 12), 25)
    ]
    off = {e.pk for e in context["page"]}
    assert off == {entries["holiday"].pk, entries["night"].pk}


def test_threshold_is_configurable(bank, client, entries):
    AccessReviewPolicy.objects.update(daily_threshold=30)
    assert review(client, "compliance").context["review"].heavy_days == []


def test_scoped_to_the_readers_subtree_and_roles(bank, client, entries):
    admin_view = review(client, "admin").context
    assert {e.pk for e in admin_view["page"]} == {entries["holiday"].pk, entries["night"].pk}
    assert review(client, "head_a").status_code == 403


def test_bad_period_shows_the_error_and_no_rows(bank, client, entries):
    response = review(client, "compliance", {"date_from": "2026-10-16", "date_to": "2026-10-01"})
    assert response.status_code == 200
    assert response.context["review"] is None
    assert response.context["filter"]["form"].errors


def test_constant_queries(bank, client, entries, django_assert_max_num_queries):
    for hour in range(20, 24):
        log(bank.am_b_user, at(date(2026, 10, 14), hour), count=30)
    client.login(username="compliance", password=PASSWORD)
    with django_assert_max_num_queries(14):
        client.get(reverse(REVIEW), PERIOD)
