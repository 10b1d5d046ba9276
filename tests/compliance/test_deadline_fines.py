"""R-DIS-4 deadlines in Chinese working days, across the 2026 National Day holiday (1–7
October off; Sunday 20 September and Saturday 10 October worked): credit files within
15 working days (50 yuan per file), a preliminary opinion within 3 working days (the
first late one a warning, then 100 yuan). Proposed by the daily beat task."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from compliance import tasks
from compliance.deadline_services import deadline_record, detect_deadline_fines
from compliance.deadlines import CreditApplication, CreditFileHandover
from compliance.fine_choices import FineReason, FineStatus
from compliance.fines import FineProposal
from tests.conftest import PASSWORD
from tests.factories import CustomerFactory

MON_28_SEP, FRI_23_OCT, MON_26_OCT = date(2026, 9, 28), date(2026, 10, 23), date(2026, 10, 26)
WED_30_SEP, SAT_10_OCT, MON_12_OCT = date(2026, 9, 30), date(2026, 10, 10), date(2026, 10, 12)
FRI_18_SEP, TUE_22_SEP = date(2026, 9, 18), date(2026, 9, 22)
LATER = date(2026, 11, 30)


@pytest.fixture
def customer(bank):
    return CustomerFactory(unit=bank.sub_a, is_credit=True)


def handover(bank, customer, handed_over_on, manager=None):
    record = CreditFileHandover(
        manager=manager or bank.am_a,
        customer=customer,
        loan_granted_on=MON_28_SEP,
        handed_over_on=handed_over_on,
    )
    return deadline_record(actor=bank.officer_a, record=record)


def application(bank, customer, received_on, opinion_on):
    record = CreditApplication(
        manager=bank.am_a,
        customer=customer,
        received_on=received_on,
        preliminary_opinion_on=opinion_on,
    )
    return deadline_record(actor=bank.head_a, record=record)


def test_due_dates_count_working_days_across_national_day(bank, customer):
    assert handover(bank, customer, None).due_on == FRI_23_OCT  # 29, 30 Sep, 8–23 Oct
    assert application(bank, customer, WED_30_SEP, None).due_on == SAT_10_OCT  # 8, 9, 10
    assert application(bank, customer, FRI_18_SEP, None).due_on == TUE_22_SEP  # Sun 20 worked


def test_late_files_cost_50_each_on_time_ones_nothing(bank, customer):
    handover(bank, customer, FRI_23_OCT)  # the 15th working day: on time
    handover(bank, customer, MON_26_OCT)
    handover(bank, customer, None)
    result = detect_deadline_fines(LATER)
    fine = FineProposal.objects.get(reason=FineReason.CREDIT_FILE_LATE)
    assert (fine.manager, fine.day, fine.amount) == (bank.am_a, FRI_23_OCT, Decimal("100.00"))
    assert result.late_files == 2
    detect_deadline_fines(LATER)  # idempotent
    assert FineProposal.objects.count() == 1


def test_not_yet_due_is_not_late(bank, customer):
    handover(bank, customer, None)
    assert detect_deadline_fines(FRI_23_OCT).late_files == 0
    assert not FineProposal.objects.exists()


def test_first_late_opinion_is_a_warning_then_100(bank, customer):
    application(bank, customer, WED_30_SEP, SAT_10_OCT)  # on time (adjusted working day)
    application(bank, customer, FRI_18_SEP, date(2026, 9, 23))  # late: warning
    result = detect_deadline_fines(LATER)
    assert (result.late_opinions, result.warnings) == (1, 1)
    assert not FineProposal.objects.exists()
    application(bank, customer, WED_30_SEP, MON_12_OCT)  # late again: 100
    detect_deadline_fines(LATER)
    fine = FineProposal.objects.get(reason=FineReason.OPINION_LATE)
    assert (fine.day, fine.amount, fine.status) == (
        SAT_10_OCT,
        Decimal("100.00"),
        FineStatus.PROPOSED,
    )


def test_a_corrected_record_withdraws_its_pending_fine(bank, customer):
    record = handover(bank, customer, MON_26_OCT)
    detect_deadline_fines(LATER)
    record.handed_over_on = FRI_23_OCT
    deadline_record(actor=bank.officer_a, record=record)
    detect_deadline_fines(LATER)
    assert FineProposal.objects.get().status == FineStatus.WITHDRAWN


def test_bad_input_and_scope_save_nothing(bank, customer):
    with pytest.raises(ValidationError):  # handed over before the loan
        handover(bank, customer, date(2026, 9, 1))
    with pytest.raises(ValidationError):  # B's manager is outside officer A's scope
        handover(bank, customer, None, manager=bank.am_b)
    with pytest.raises(PermissionDenied):
        deadline_record(
            actor=bank.am_a_user,
            record=CreditFileHandover(
                manager=bank.am_a, customer=customer, loan_granted_on=MON_28_SEP
            ),
        )
    assert not CreditFileHandover.objects.exists()


def test_the_beat_runs_detection_daily(bank, customer):
    task = PeriodicTask.objects.get(task="compliance.detect_deadline_fines")
    assert (task.crontab.hour, task.crontab.minute) == ("4", "0")
    handover(bank, customer, None)
    assert tasks.detect_deadline_fines(LATER.isoformat())["late_files"] == 1


def test_api_records_and_lists_deadlines(
    bank, customer, api_client_for, django_assert_max_num_queries
):
    api = api_client_for(bank.officer_a)
    body = {"manager": bank.am_a.pk, "customer": customer.pk, "loan_granted_on": "2026-09-28"}
    response = api.post("/api/v1/credit-file-handovers/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["due_on"] == "2026-10-23"
    bad = api.post(
        "/api/v1/credit-file-handovers/", body | {"manager": bank.am_b.pk}, format="json"
    )
    assert bad.status_code == 400 and "manager" in bad.json()
    body = {"manager": bank.am_a.pk, "customer": customer.pk, "received_on": "2026-09-30"}
    for _ in range(3):
        assert api.post("/api/v1/credit-applications/", body, format="json").status_code == 201
    with django_assert_max_num_queries(6):
        rows = api.get("/api/v1/credit-applications/", {"due_to": "2026-10-10"}).json()
    assert rows["count"] == 3 and rows["results"][0]["due_on"] == "2026-10-10"
    assert api_client_for(bank.head_b).get("/api/v1/credit-applications/").json()["count"] == 0


def test_page_records_and_corrects_a_handover(
    bank, customer, client, django_assert_max_num_queries
):
    url = reverse("compliance-records", kwargs={"kind": "credit-file-handovers"})
    client.login(username="officer_a", password=PASSWORD)
    body = {
        "manager": bank.am_a.pk,
        "customer_number": customer.number,
        "loan_granted_on": "2026-09-28",
    }
    assert client.post(url, body).status_code == 302
    record = CreditFileHandover.objects.get()
    assert (record.due_on, record.recorded_by) == (FRI_23_OCT, bank.officer_a)
    edited = client.post(f"{url}?edit={record.pk}", body | {"handed_over_on": "2026-10-26"})
    assert edited.status_code == 302
    record.refresh_from_db()
    assert record.handed_over_on == MON_26_OCT
    bad = client.post(url, body | {"customer_number": "NOPE"})
    assert "customer_number" in bad.context["form"].errors
    with django_assert_max_num_queries(14):
        page = client.get(url).context["page"]
    assert [row.late for row in page] == [True]
    assert CreditFileHandover.objects.count() == 1
    client.login(username="head_b", password=PASSWORD)
    assert client.get(url).context["page"].paginator.count == 0
    assert client.get(f"{url}?edit={record.pk}").status_code == 404
