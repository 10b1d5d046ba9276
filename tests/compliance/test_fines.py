"""Fine proposals (R-DIS-4, R-MTG-2): detection proposes, compliance confirms or waives
(a note required to waive; a no-meeting fine never below 500 yuan); nothing is deducted
silently. The compliance page and the API are scoped, with totals per person and unit
and constant query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from compliance import fine_services
from compliance.fine_choices import FineReason, FineStatus
from compliance.fines import FineProposal
from meetings.discipline import discipline_detect
from tests.meetings.helpers import SAT_10_OCT, at, record

FINES = "/api/v1/fine-proposals/"


@pytest.fixture
def proposals(bank):
    """Saturday 10 October 2026 (an adjusted working day): A held its morning meeting,
    am_a late; outlet A1 and B held none."""
    record(bank.head_a, bank.sub_a, SAT_10_OCT, signed={bank.am_a: (8, 0), bank.officer_a: (7, 40)})
    discipline_detect(start=SAT_10_OCT, now=at(SAT_10_OCT, 12))
    return {
        "late": FineProposal.objects.get(manager=bank.am_a, reason=FineReason.LATE),
        "outlet": FineProposal.objects.get(unit=bank.outlet_a1),
        "b": FineProposal.objects.get(unit=bank.sub_b),
    }


def test_detection_proposes_and_deducts_nothing(bank, proposals):
    assert {p.status for p in FineProposal.objects.all()} == {FineStatus.PROPOSED}
    assert proposals["late"].amount == Decimal("50.00")
    assert proposals["b"].amount == Decimal("500.00")
    assert (proposals["b"].staff, proposals["b"].day) == (bank.head_b, SAT_10_OCT)


def test_compliance_confirms(bank, proposals):
    fine = fine_services.fine_confirm(actor=bank.compliance, proposal=proposals["late"])
    assert (fine.status, fine.decided_by) == (FineStatus.CONFIRMED, bank.compliance)
    assert fine.decided_at is not None
    assert fine.history.first().history_user == bank.compliance
    with pytest.raises(ValidationError):  # decided once
        fine_services.fine_waive(actor=bank.compliance, proposal=fine, note="再议")


def test_confirming_at_another_amount_keeps_the_500_floor(bank, proposals):
    """R-MTG-2: at least 500 yuan each time."""
    with pytest.raises(ValidationError) as error:
        fine_services.fine_confirm(
            actor=bank.compliance, proposal=proposals["b"], amount=Decimal("300")
        )
    assert "amount" in error.value.message_dict
    proposals["b"].refresh_from_db()
    assert proposals["b"].status == FineStatus.PROPOSED
    fine = fine_services.fine_confirm(
        actor=bank.compliance, proposal=proposals["b"], amount=Decimal("800")
    )
    assert fine.amount == Decimal("800")


def test_waiving_needs_a_note(bank, proposals):
    with pytest.raises(ValidationError) as error:
        fine_services.fine_waive(actor=bank.compliance, proposal=proposals["late"], note="  ")
    assert "note" in error.value.message_dict
    fine = fine_services.fine_waive(
        actor=bank.compliance, proposal=proposals["late"], note="客户紧急业务"
    )
    assert (fine.status, fine.note) == (FineStatus.WAIVED, "客户紧急业务")


@pytest.mark.parametrize("who", ["head_a", "hr", "admin", "am_a_user"])
def test_only_compliance_decides(bank, proposals, who):
    for decide, extra in (
        (fine_services.fine_confirm, {}),
        (fine_services.fine_waive, {"note": "x"}),
    ):
        with pytest.raises(PermissionDenied):
            decide(actor=getattr(bank, who), proposal=proposals["late"], **extra)
    proposals["late"].refresh_from_db()
    assert proposals["late"].status == FineStatus.PROPOSED


def test_the_compliance_page_lists_totals_and_decides(client, bank, proposals):
    client.force_login(bank.compliance)
    page = client.get(reverse("fine-list"))
    assert page.status_code == 200 and page.context["can_decide"]
    by_unit = {row["unit__name"]: row["proposed"] for row in page.context["by_unit"]}
    assert by_unit == {
        "城东支行": Decimal("50.00"),
        "城东第一网点": Decimal("500.00"),
        "城西支行": Decimal("500.00"),
    }
    by_person = {
        row["staff__username"] or row["manager__name"]: row["proposed"]
        for row in page.context["by_person"]
    }
    assert by_person["head_a"] == Decimal("500.00")
    assert "罚款建议" in page.content.decode()
    url = reverse("fine-decide", args=[proposals["outlet"].pk])
    response = client.post(url, {"decision": "waive", "note": ""})
    assert response.status_code == 302
    proposals["outlet"].refresh_from_db()
    assert proposals["outlet"].status == FineStatus.PROPOSED  # no note: refused
    client.post(url, {"decision": "confirm", "next": "https://evil.example/"})
    proposals["outlet"].refresh_from_db()
    assert proposals["outlet"].status == FineStatus.CONFIRMED
    confirmed = client.get(reverse("fine-list"), {"status": "confirmed"}).context
    assert [row["confirmed"] for row in confirmed["by_unit"]] == [Decimal("500.00")]


def test_the_page_is_scoped_and_only_compliance_decides(client, bank, proposals):
    client.force_login(bank.head_b)
    page = client.get(reverse("fine-list"))
    assert [fine.unit for fine in page.context["page"]] == [bank.sub_b]
    assert not page.context["can_decide"]
    url = reverse("fine-decide", args=[proposals["b"].pk])
    assert client.post(url, {"decision": "confirm"}).status_code == 403
    client.force_login(bank.am_a_user)
    assert client.get(reverse("fine-list")).status_code == 403
    client.force_login(bank.compliance)
    other = reverse("fine-decide", args=[proposals["b"].pk])
    assert client.get(other).status_code == 405


def test_the_api_lists_filters_and_decides(bank, proposals, api_client_for):
    client = api_client_for(bank.compliance)
    listed = client.get(FINES, {"reason": "no_morning_meeting", "date_from": "2026-10-10"}).json()
    assert listed["count"] == 2
    assert client.get(FINES, {"unit": bank.sub_b.pk}).json()["count"] == 1
    response = client.post(f"{FINES}{proposals['late'].pk}/confirm/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "confirmed"
    waive = client.post(f"{FINES}{proposals['b'].pk}/waive/", {}, format="json")
    assert waive.status_code == 400 and "note" in waive.json()
    head = api_client_for(bank.head_b)
    assert head.get(f"{FINES}{proposals['late'].pk}/").status_code == 404
    assert head.post(f"{FINES}{proposals['b'].pk}/confirm/").status_code == 403
    assert api_client_for(bank.am_a_user).get(FINES).status_code == 403


def test_fine_list_query_counts_are_constant(
    client, bank, api_client_for, django_assert_max_num_queries
):
    client.force_login(bank.compliance)
    api = api_client_for(bank.compliance)
    discipline_detect(start=date(2026, 10, 12), now=at(date(2026, 10, 12), 12))
    with django_assert_max_num_queries(20) as page_few:
        client.get(reverse("fine-list"))
    with django_assert_max_num_queries(10) as api_few:
        api.get(FINES)
    discipline_detect(
        start=date(2026, 10, 13), end=date(2026, 10, 23), now=at(date(2026, 10, 24), 9)
    )
    assert FineProposal.objects.count() > 20
    with django_assert_max_num_queries(len(page_few.captured_queries)):
        client.get(reverse("fine-list"))
    with django_assert_max_num_queries(len(api_few.captured_queries)):
        api.get(FINES)
