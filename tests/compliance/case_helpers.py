"""Builders for the tests of prohibitions, violation cases and discipline: evidence files
whose content is what they claim (or not), a reported case, figures for an evaluation."""

import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from compliance import case_services
from compliance.prohibitions import Prohibition
from performance.models import MonthlyTarget
from performance.rule_defaults import wan
from tests.factories import AccountManagerFactory, CustomerFactory, appoint
from tests.performance.helpers import held, monthly

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf(name="record.pdf", size=None) -> SimpleUploadedFile:
    content = PDF_BYTES if size is None else PDF_BYTES + b"0" * (size - len(PDF_BYTES))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png(name="photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def ooxml(name: str, main_part: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(main_part, "<root/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def docx(name="minutes.docx") -> SimpleUploadedFile:
    return ooxml(name, "word/document.xml")


def xlsx(name="ledger.xlsx") -> SimpleUploadedFile:
    return ooxml(name, "xl/workbook.xml")


def rules(*codes) -> list[Prohibition]:
    return list(Prohibition.objects.filter(code__in=codes))


def report(bank, reporter=None, manager=None, **fields):
    """A case reported through the service (about am_a by officer_a unless told)."""
    values = {
        "actor": reporter or bank.officer_a,
        "manager": manager or bank.am_a,
        "rules": rules("R-PRO-6"),
        "occurred_on": date(2026, 10, 20),
        "place": "营业厅",
        "description": "代客户签字",
    }
    return case_services.case_report(**(values | fields))


@pytest.fixture(name="media")
def media_fixture(settings, tmp_path):
    """Evidence is written under a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def graded(bank, level, unit=None):
    """An account manager appointed to `level` from 2025-01-01."""
    manager = AccountManagerFactory(unit=unit or bank.sub_a)
    appoint(manager, level, start=date(2025, 1, 1), proposer=bank.head_a, approver=bank.hr)
    manager.refresh_from_db()
    return manager


def book(bank, manager, deposit_wan, months=range(1, 13), year=2026, **values):
    """A customer of `manager` with `deposit_wan` 万 of daily-average deposits each month."""
    customer = CustomerFactory(unit=manager.unit, **values)
    monthly(customer, year, months, deposit_wan=deposit_wan)
    held(customer, manager, bank.hr)
    return customer


def targets(manager, target_wan, months=range(1, 13), year=2026):
    """R-JNL-2: the monthly deposit targets (万)."""
    MonthlyTarget.objects.bulk_create(
        MonthlyTarget(manager=manager, year=year, month=m, deposit_avg=wan(target_wan))
        for m in months
    )


def half(amount: str) -> Decimal:
    return (Decimal(amount) / 2).quantize(Decimal("0.01"))
