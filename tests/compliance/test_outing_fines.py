"""R-DIS-4 outings: not at the registered outing place costs 100 yuan the first time;
the second time the AM is proposed for standing down (a disciplinary-action proposal,
kind `stand_down`). Only heads and compliance record checks, within their scope."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from compliance.choices_cases import ActionStatus, DisciplineKind, Trigger
from compliance.discipline import DisciplinaryAction
from compliance.fine_choices import FineReason, FineStatus
from compliance.fines import FineProposal
from compliance.outing_services import outing_check_record, outing_proposals_sync
from compliance.outings import OutingCheck
from tests.compliance.rest_helpers import outing, recent_outing
from tests.conftest import PASSWORD
from tests.meetings.helpers import at

DAY1, DAY2 = date(2026, 10, 12), date(2026, 10, 20)


def miss(actor, trip, day, hour=11):
    return outing_check_record(
        actor=actor,
        outing=trip,
        checked_at=at(day, hour),
        at_registered_place=False,
        note="在商场",
    )


def test_first_miss_is_a_100_yuan_fine_the_second_a_stand_down_proposal(bank):
    miss(bank.head_a, outing(bank.am_a, DAY1), DAY1)
    fine = FineProposal.objects.get(manager=bank.am_a, reason=FineReason.OUTING_ABSENT)
    assert (fine.amount, fine.day, fine.unit, fine.status) == (
        Decimal("100.00"),
        DAY1,
        bank.sub_a,
        FineStatus.PROPOSED,
    )
    assert not DisciplinaryAction.objects.exists()

    miss(bank.compliance, outing(bank.am_a, DAY2), DAY2)
    assert FineProposal.objects.filter(reason=FineReason.OUTING_ABSENT).count() == 1
    action = DisciplinaryAction.objects.get(manager=bank.am_a)
    assert (action.kind, action.trigger, action.status) == (
        DisciplineKind.STAND_DOWN,
        Trigger.OUTING_REPEATED,
        ActionStatus.PROPOSED,
    )
    assert action.start_date == DAY2


def test_found_at_the_place_proposes_nothing_and_detection_is_idempotent(bank):
    outing_check_record(
        actor=bank.head_a,
        outing=outing(bank.am_a, DAY1),
        checked_at=at(DAY1, 10),
        at_registered_place=True,
    )
    assert not FineProposal.objects.exists()
    miss(bank.head_a, outing(bank.am_a, DAY1), DAY1)
    miss(bank.head_a, outing(bank.am_a, DAY2), DAY2)
    outing_proposals_sync(manager_ids=[bank.am_a.pk])
    outing_proposals_sync(manager_ids=[bank.am_a.pk])
    assert FineProposal.objects.count() == 1
    assert DisciplinaryAction.objects.count() == 1


@pytest.mark.parametrize("actor", ["am_a_user", "hr", "officer_a"])
def test_only_heads_and_compliance_record_checks(bank, actor):
    with pytest.raises(PermissionDenied):
        miss(getattr(bank, actor), outing(bank.am_a, DAY1), DAY1)
    assert not OutingCheck.objects.exists()


def test_bad_input_saves_nothing(bank):
    trip = outing(bank.am_b, DAY1)
    with pytest.raises(ValidationError) as error:  # sub-branch B is outside head A's scope
        miss(bank.head_a, trip, DAY1)
    assert "outing" in error.value.message_dict
    with pytest.raises(ValidationError) as error:  # before leaving
        miss(bank.head_b, trip, DAY1, hour=8)
    assert "checked_at" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        outing_check_record(
            actor=bank.head_b, outing=trip, checked_at=at(DAY1, 11), at_registered_place=False
        )
    assert "note" in error.value.message_dict
    assert not OutingCheck.objects.exists() and not FineProposal.objects.exists()


def test_api_records_checks_and_lists_them_scoped(
    bank, api_client_for, django_assert_max_num_queries
):
    trip = outing(bank.am_a, DAY1)
    body = {"outing": trip.pk, "checked_at": at(DAY1, 11).isoformat(), "note": "在商场"}
    head = api_client_for(bank.head_a)
    response = head.post("/api/v1/outing-checks/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["manager"] == bank.am_a.pk
    assert FineProposal.objects.get().reason == FineReason.OUTING_ABSENT
    other = api_client_for(bank.head_b).post("/api/v1/outing-checks/", body, format="json")
    assert other.status_code == 400 and "outing" in other.json()
    for day in (DAY2, date(2026, 10, 21)):
        miss(bank.head_a, outing(bank.am_a, day), day)
    with django_assert_max_num_queries(6):
        assert head.get("/api/v1/outing-checks/").json()["count"] == 3
    assert api_client_for(bank.head_b).get("/api/v1/outing-checks/").json()["count"] == 0


def test_page_records_a_check_and_lists_it(bank, client, django_assert_max_num_queries):
    url = reverse("compliance-records", kwargs={"kind": "outing-checks"})
    now = timezone.localtime()
    trip = recent_outing(bank.am_a, now)
    client.login(username="head_a", password=PASSWORD)
    body = {"outing": trip.pk, "checked_at": now.strftime("%Y-%m-%dT%H:%M"), "note": "在商场"}
    assert client.post(url, body).status_code == 302
    assert FineProposal.objects.get().reason == FineReason.OUTING_ABSENT
    bad = client.post(url, {"outing": trip.pk, "checked_at": body["checked_at"]})
    assert bad.status_code == 200 and "note" in bad.context["form"].errors
    with django_assert_max_num_queries(14):
        assert client.get(url).context["page"].paginator.count == 1
    client.login(username="am_a", password=PASSWORD)
    assert client.post(url, body).status_code == 403
    assert OutingCheck.objects.count() == 1
