"""Reporting a suspected breach (R-PRO-1…11): who, which rules, when, where, customers,
description and evidence. Evidence over 10 MB or of a type other than PDF, JPG, PNG,
DOCX, XLSX (judged by content) is refused and nothing is saved."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from compliance.choices_cases import CaseStatus
from compliance.evidence_files import DOCX, JPEG, MAX_EVIDENCE_BYTES, PDF, PNG, XLSX, sniff
from compliance.models import Evidence, ViolationCase, ViolationStep
from tests.compliance.case_helpers import (
    docx,
    media_fixture,  # noqa: F401 (the `media` fixture)
    pdf,
    png,
    report,
    rules,
    stored_files,
    xlsx,
)
from tests.factories import CustomerFactory
from tests.performance.helpers import held


def counts() -> tuple:
    return (ViolationCase.objects.count(), ViolationStep.objects.count(), Evidence.objects.count())


def test_a_report_records_the_facts_the_first_step_and_the_evidence(bank, media):
    customer = CustomerFactory(unit=bank.sub_a)
    case = report(
        bank,
        customer_numbers=[customer.number],
        files=[pdf(), png(), docx(), xlsx()],
        confidential=True,
    )
    assert (case.status, case.manager, case.unit, case.reporter) == (
        CaseStatus.REPORTED,
        bank.am_a,
        bank.sub_a,
        bank.officer_a,
    )
    assert [rule.code for rule in case.rules.all()] == ["R-PRO-6"]
    assert list(case.customers.all()) == [customer]
    step = case.steps.get()
    assert (step.from_status, step.to_status, step.actor) == ("", "reported", bank.officer_a)
    kinds = sorted(case.evidence.values_list("content_type", flat=True))
    assert kinds == sorted([PDF, PNG, DOCX, XLSX])
    assert len(stored_files(media)) == 4
    assert case.history.exists() and case.number.startswith("WG")


@pytest.mark.parametrize(
    ("upload", "expected"),
    [
        (SimpleUploadedFile("a.pdf", b"%PDF-1.7 x"), PDF),
        (SimpleUploadedFile("a.jpg", b"\xff\xd8\xff\xe0 jfif"), JPEG),
        (SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n...."), PNG),
        (SimpleUploadedFile("a.pdf", b"MZ\x90\x00 an executable"), None),
        (SimpleUploadedFile("a.docx", b"PK\x03\x04 not a zip"), None),
        (SimpleUploadedFile("a.txt", b"plain text"), None),
    ],
)
def test_types_are_judged_by_content(upload, expected):
    assert sniff(upload) == expected


def test_a_zip_that_is_not_an_office_document_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("payload.exe", "MZ")
    assert sniff(SimpleUploadedFile("a.xlsx", buffer.getvalue())) is None


def test_an_oversized_file_is_refused_and_nothing_is_saved(bank, media):
    before = counts()
    too_big = pdf("scan.pdf", size=MAX_EVIDENCE_BYTES + 1)
    with pytest.raises(ValidationError) as error:
        report(bank, files=[pdf(), too_big])
    assert "scan.pdf" in " ".join(error.value.message_dict["evidence"])
    assert counts() == before and stored_files(media) == []
    assert report(bank, files=[pdf("max.pdf", size=MAX_EVIDENCE_BYTES)]).evidence.count() == 1


def test_a_disguised_file_is_refused_and_nothing_is_saved(bank, media):
    before = counts()
    disguised = SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00 executable", "application/pdf")
    with pytest.raises(ValidationError) as error:
        report(bank, files=[disguised])
    assert "invoice.pdf" in " ".join(error.value.message_dict["evidence"])
    assert counts() == before and stored_files(media) == []


def test_a_failure_after_storing_removes_the_stored_files(bank, media, monkeypatch):
    """The database rolls back; the files written before the failure are deleted."""
    from compliance import case_services

    monkeypatch.setattr(case_services, "_store_evidence", _store_then_fail(case_services))
    before = counts()
    with pytest.raises(RuntimeError):
        report(bank, files=[pdf(), png()])
    assert counts() == before and stored_files(media) == []


def _store_then_fail(case_services):
    original = case_services._store_evidence

    def store(case, checked, actor, stored):
        original(case, checked, actor, stored)
        raise RuntimeError("disk full")

    return store


def test_the_customers_must_be_in_the_reporters_scope(bank, media):
    theirs = CustomerFactory(unit=bank.sub_b)
    before = counts()
    with pytest.raises(ValidationError) as error:
        report(bank, customer_numbers=[theirs.number])
    assert theirs.number in " ".join(error.value.message_dict["customers"])
    assert counts() == before


def test_an_account_manager_reports_on_colleagues_of_their_unit_only(bank, media):
    colleague_case = report(bank, reporter=bank.am_b_user, manager=bank.am_b)
    assert colleague_case.reporter == bank.am_b_user
    with pytest.raises(ValidationError) as error:
        report(bank, reporter=bank.am_b_user, manager=bank.am_a)
    assert "manager" in error.value.message_dict


def test_the_date_cannot_be_in_the_future(bank):
    with pytest.raises(ValidationError) as error:
        report(bank, occurred_on=timezone.localdate() + timedelta(days=1))
    assert "occurred_on" in error.value.message_dict


def test_the_report_page_saves_a_case_with_evidence(client, bank, media):
    customer = CustomerFactory(unit=bank.sub_a)
    held(customer, bank.am_a, bank.hr)
    client.force_login(bank.am_a_user)
    page = client.get(reverse("violation-report"))
    assert list(page.context["form"].fields["manager"].queryset) == [bank.am_a]  # own unit
    response = client.post(
        reverse("violation-report"),
        {
            "manager": bank.am_a.pk,
            "rules": [rule.pk for rule in rules("R-PRO-3", "R-PRO-6")],
            "occurred_on": "2026-10-01",
            "place": "营业厅",
            "customer_numbers": f"{customer.number}，",
            "description": "同事代客户签字",
            "confidential": "on",
            "evidence": [pdf(), png()],
        },
    )
    case = ViolationCase.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "violation-detail", args=[case.pk]
    )
    assert case.reporter_confidential and case.evidence.count() == 2
    assert sorted(case.rules.values_list("code", flat=True)) == ["R-PRO-3", "R-PRO-6"]


def test_the_report_page_shows_refused_evidence_and_saves_nothing(client, bank, media):
    client.force_login(bank.head_a)
    response = client.post(
        reverse("violation-report"),
        {
            "manager": bank.am_a.pk,
            "occurred_on": "2026-10-01",
            "place": "营业厅",
            "description": "x",
            "evidence": [SimpleUploadedFile("notes.txt", b"plain text")],
        },
    )
    assert response.status_code == 200
    assert "notes.txt" in response.content.decode()
    assert counts() == (0, 0, 0) and stored_files(media) == []


def test_the_api_reports_with_evidence_and_refuses_bad_files(bank, api_client_for, media):
    client = api_client_for(bank.head_a)
    body = {
        "manager": bank.am_a.pk,
        "rules": ["R-PRO-8"],
        "occurred_on": "2026-10-01",
        "place": "办公室",
        "description": "拍照外传客户信息",
        "evidence": [pdf()],
    }
    response = client.post("/api/v1/violations/", body, format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json()["rules"] == ["R-PRO-8"] and len(response.json()["evidence"]) == 1
    before = counts()
    bad = body | {"evidence": [SimpleUploadedFile("x.pdf", b"not a pdf")]}
    refused = client.post("/api/v1/violations/", bad, format="multipart")
    assert refused.status_code == 400 and "evidence" in refused.json()
    assert counts() == before
    outside = client.post(
        "/api/v1/violations/", body | {"manager": bank.am_b.pk, "evidence": []}, format="multipart"
    )
    assert outside.status_code == 400 and "manager" in outside.json()
