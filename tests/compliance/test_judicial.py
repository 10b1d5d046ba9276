"""R-PRO-11: an AM under judicial measures gets no new credit customers from the day HR
records it: a clear error and nothing saved. Non-credit customers are not affected."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from compliance.judicial_services import judicial_measure_record
from compliance.rotation import JudicialMeasure
from customers.models import Assignment
from customers.services import assignment_create, bulk_assign
from tests.conftest import PASSWORD
from tests.factories import CustomerFactory

SINCE = date(2026, 11, 2)


def assign(bank, customer, start):
    return assignment_create(
        actor=bank.head_a,
        customer=customer,
        manager=bank.am_a,
        credit_share=Decimal("1"),
        start_date=start,
    )


@pytest.fixture
def measure(bank):
    return judicial_measure_record(actor=bank.hr, manager=bank.am_a, since=SINCE, note="取保候审")


def test_no_new_credit_customer_from_the_day(bank, measure):
    credit = CustomerFactory(unit=bank.sub_a, is_credit=True)
    with pytest.raises(ValidationError) as error:
        assign(bank, credit, SINCE)
    assert SINCE.isoformat() in " ".join(error.value.message_dict["manager"])
    with pytest.raises(ValidationError):  # backdated, but the measure is in force today
        assign(bank, credit, date(2026, 10, 1))
    with pytest.raises(ValidationError) as error:
        bulk_assign(
            actor=bank.head_a,
            customers=[CustomerFactory(unit=bank.sub_a), credit],
            manager=bank.am_a,
            credit_share=Decimal("1"),
            start_date=SINCE,
        )
    assert not Assignment.objects.exists()
    plain = CustomerFactory(unit=bank.sub_a)
    assert assign(bank, plain, SINCE).assignment.pk


def test_before_the_day_and_after_it_ends_assignments_go_through(bank):
    today = timezone.localdate()
    judicial_measure_record(
        actor=bank.hr, manager=bank.am_a, since=date(2020, 1, 1), until=date(2020, 6, 30)
    )
    credit = CustomerFactory(unit=bank.sub_a, is_credit=True)
    assert assign(bank, credit, today).assignment.pk


def test_only_hr_records_and_bad_input_saves_nothing(bank):
    with pytest.raises(PermissionDenied):
        judicial_measure_record(actor=bank.compliance, manager=bank.am_a, since=SINCE)
    with pytest.raises(ValidationError):
        judicial_measure_record(
            actor=bank.hr, manager=bank.am_a, since=SINCE, until=date(2026, 1, 1)
        )
    assert not JudicialMeasure.objects.exists()


def test_api_records_and_lists_within_scope(bank, api_client_for):
    hr = api_client_for(bank.hr)
    response = hr.post(
        "/api/v1/judicial-measures/",
        {"manager": bank.am_a.pk, "since": "2026-11-02", "note": "取保候审"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert api_client_for(bank.head_b).get("/api/v1/judicial-measures/").json()["count"] == 0
    refused = api_client_for(bank.head_a).post(
        "/api/v1/judicial-measures/",
        {"manager": bank.am_a.pk, "since": "2026-11-02"},
        format="json",
    )
    assert refused.status_code == 403
    assert JudicialMeasure.objects.count() == 1


def test_page_records_for_hr_only(bank, client):
    url = reverse("compliance-records", kwargs={"kind": "judicial-measures"})
    client.login(username="hr", password=PASSWORD)
    assert client.post(url, {"manager": bank.am_a.pk, "since": "2026-11-02"}).status_code == 302
    bad = client.post(url, {"manager": bank.am_a.pk, "since": "2026-11-02", "until": "2026-01-01"})
    assert bad.status_code == 200 and bad.context["form"].errors
    client.login(username="head_a", password=PASSWORD)
    response = client.get(url)
    assert response.context["form"] is None and response.context["page"].paginator.count == 1
    assert client.post(url, {"manager": bank.am_a.pk, "since": "2026-11-03"}).status_code == 403
    assert JudicialMeasure.objects.count() == 1
