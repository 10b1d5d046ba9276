"""Regression found by the API fuzzer (tests/hardening/test_api_fuzz.py): an outing
without a customer answers customer_name null, as its schema says."""

from datetime import datetime, timedelta

from django.urls import reverse

from customers.models import Outing
from tests.api_schema import nullable


def test_an_outing_without_a_customer_has_a_null_customer_name(api_client_for, bank):
    left = datetime(2026, 9, 28, 9).astimezone()
    outing = Outing.objects.create(
        manager=bank.am_a,
        destination="开发区",
        purpose="陌拜",
        left_at=left,
        expected_return_at=left + timedelta(hours=3),
    )
    url = reverse("api:outing-detail", args=[outing.pk])
    assert api_client_for(bank.head_a).get(url).json()["customer_name"] is None
    assert nullable("Outing", "customer_name")
