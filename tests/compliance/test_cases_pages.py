"""Every page of the catalogue, cases and discipline answers each role as it should
(R-ORG-2): 200 for those who use it, 403 for the others; pages render in Chinese."""

import pytest
from django.urls import reverse

from compliance import case_services
from compliance.choices_cases import CaseStatus
from compliance.models import DisciplinaryAction
from tests.compliance.case_helpers import report

ALL = {"am_a_user", "head_a", "officer_a", "hr", "compliance", "admin", "head_b", "am_b_user"}
PAGES = {
    "prohibition-list": ALL,
    "prohibition-acknowledgements": {"head_a", "hr", "compliance", "admin", "head_b"},
    "violation-list": ALL,
    "violation-report": ALL,
    "discipline-list": {"head_a", "hr", "compliance", "admin", "head_b"},
    "discipline-record": {"hr", "compliance", "admin"},
    "my-discipline": {"am_a_user", "am_b_user", "admin"},  # an administrator may open any page
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_by_role(client, bank, name):
    for who in sorted(ALL):
        client.force_login(getattr(bank, who))
        expected = 200 if who in PAGES[name] else 403
        assert client.get(reverse(name)).status_code == expected, (name, who)
    client.logout()
    assert client.get(reverse(name)).status_code == 302  # to the login page


def test_the_integration_client_uses_the_api_not_the_pages(client, bank):
    client.force_login(bank.integration)
    assert client.get(reverse("violation-list")).status_code == 403


def test_the_case_detail_renders_in_chinese_with_the_step_form_for_compliance(client, bank):
    case = report(bank)
    case_services.case_advance(
        actor=bank.compliance, case=case, to_status=CaseStatus.INVESTIGATING, note="调查"
    )
    client.force_login(bank.compliance)
    page = client.get(reverse("violation-detail", args=[case.pk]))
    text = page.content.decode()
    assert "违规案件" in text and "调查中" in text and "记录下一步处理" in text
    assert page.context["step_form"] is not None
    client.force_login(bank.head_a)
    assert client.get(reverse("violation-detail", args=[case.pk])).context["step_form"] is None


def test_the_discipline_list_renders_the_facts_in_chinese(client, bank):
    DisciplinaryAction.objects.create(
        manager=bank.am_a,
        kind="yellow_card",
        trigger="below_minimum_line",
        trigger_key="2026",
        facts={"period": "2026Q3", "line_deposits": "14000000.00"},
    )
    client.force_login(bank.compliance)
    text = client.get(reverse("discipline-list")).content.decode()
    assert "黄牌警告" in text and "低于在岗最低及格线" in text and "1,400.00 万元" in text
