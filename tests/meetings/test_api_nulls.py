"""Regression found by the API fuzzer (tests/hardening/test_api_fuzz.py): a meeting
nobody has scored answers minutes_score null, as its schema says."""

from django.urls import reverse

from tests.api_schema import nullable
from tests.meetings.helpers import WED_30_SEP, record


def test_an_unscored_meeting_has_a_null_minutes_score(api_client_for, bank):
    meeting = record(bank.head_a, bank.sub_a, WED_30_SEP)
    url = reverse("api:meeting-detail", args=[meeting.pk])
    assert api_client_for(bank.head_a).get(url).json()["minutes_score"] is None
    assert nullable("Meeting", "minutes_score")
