"""R-DIS-1: during a confirmed admonishment (six months) the two allowances are paid at
50%: the HR roster page and its .xlsx/.csv exports show the reduced amounts and the
admonishment's last day, with the roster's query count unchanged."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from compliance import discipline_services as services
from compliance.choices_cases import DisciplineKind, Trigger
from compliance.models import DisciplinaryAction
from managers.roster import ROSTER_COLUMNS, RosterContext, roster_values
from managers.selectors import account_managers_for
from tests.compliance.case_helpers import graded

COMMUNICATION = "通讯费（元/月）"
TOTAL = "两费合计（元/月）"
UNTIL = "诫勉期至（两费按50%发放）"


def admonish(bank, manager, start, key="k"):
    proposal = DisciplinaryAction.objects.create(
        manager=manager,
        kind=DisciplineKind.ADMONISHMENT,
        trigger=Trigger.BELOW_PLAN,
        trigger_key=key,
    )
    return services.action_confirm(actor=bank.compliance, action=proposal, start_date=start)


@pytest.fixture
def staff(bank, levels):
    """Three L3 account managers (160 yuan of communication allowance, R-GRD-2): one in
    an admonishment, one whose admonishment ended yesterday, one never admonished."""
    levels["L3"].transport_allowance = Decimal("100.00")
    levels["L3"].save()
    today = timezone.localdate()
    admonished, ended, clean = (graded(bank, levels["L3"]) for _ in range(3))
    admonish(bank, admonished, today - timedelta(days=30))
    past = admonish(bank, ended, today - timedelta(days=400), key="old")
    assert past.end_date < today
    return {"admonished": admonished, "ended": ended, "clean": clean}


def values_of(bank, manager) -> dict:
    row = account_managers_for(bank.hr).get(pk=manager.pk)
    context = RosterContext.build(timezone.localdate())
    return {
        str(c.header): v for c, v in zip(ROSTER_COLUMNS, roster_values(row, context), strict=True)
    }


def test_the_roster_halves_the_allowances_during_an_admonishment(bank, staff):
    admonished = values_of(bank, staff["admonished"])
    assert (admonished[COMMUNICATION], admonished[TOTAL]) == (Decimal("80.00"), Decimal("130.00"))
    assert admonished[UNTIL] is not None
    for name in ("ended", "clean"):
        full = values_of(bank, staff[name])
        assert (full[COMMUNICATION], full[TOTAL], full[UNTIL]) == (
            Decimal("160.00"),
            Decimal("260.00"),
            None,
        )


def test_the_page_and_exports_show_the_reduced_allowance(client, bank, staff):
    client.force_login(bank.hr)
    page = client.get(reverse("roster")).content.decode()
    assert "80.00" in page and UNTIL in page
    content = b"".join(client.get(reverse("roster-xlsx")).streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    header = [cell.value for cell in sheet[2]]
    rows = {
        row[0]: dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=3, values_only=True)
    }
    assert rows[staff["admonished"].employee_number][COMMUNICATION] == 80
    assert rows[staff["clean"].employee_number][COMMUNICATION] == 160
    text = b"".join(client.get(reverse("roster-csv")).streaming_content).decode("utf-8-sig")
    lines = {row["工号"]: row for row in csv.DictReader(io.StringIO(text))}
    assert lines[staff["admonished"].employee_number][TOTAL] == "130.00"
    assert lines[staff["ended"].employee_number][TOTAL] == "260.00"


def test_the_roster_keeps_its_query_count(
    client, bank, levels, staff, django_assert_max_num_queries
):
    client.force_login(bank.hr)
    with django_assert_max_num_queries(15) as before:
        client.get(reverse("roster"))
    for index in range(6):
        admonish(bank, graded(bank, levels["L4"]), timezone.localdate(), key=f"n{index}")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("roster"))
