"""Journey 4 (R-PRO-1…11, R-DIS-1, R-DIS-4): a compliance officer reports a suspected
breach by sub-branch A's account manager (signing for a customer, R-PRO-6) with a PDF of
evidence, moves the case from reported to under investigation to confirmed, and records
an admonishment from the confirmed case; a second compliance officer confirms it (nobody
confirms an action they recorded). The first officer confirms a late-arrival fine the
system proposed (R-DIS-4). The account manager then sees the admonishment, with the
allowances at 50%, on their own disciplinary record."""

from datetime import date
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from compliance.fine_choices import FineReason, FineStatus
from compliance.fines import FineProposal
from compliance.violations import ViolationCase
from managers.choices import Role
from tests.compliance.case_helpers import PDF_BYTES
from tests.e2e.test_login import log_in
from tests.factories import UserFactory


def test_compliance_confirms_a_case_an_admonishment_and_a_fine(
    page, browser, live_server, bank, catalogues, settings, tmp_path, steps
):
    settings.MEDIA_ROOT = tmp_path / "media"
    UserFactory(username="compliance2", role=Role.COMPLIANCE, org_unit=bank.branch)
    fine = FineProposal.objects.create(
        manager=bank.am_a, unit=bank.sub_a, reason=FineReason.LATE, amount=Decimal(50),
        day=date(2026, 9, 30),
    )  # fmt: skip
    evidence = tmp_path / "代签字笔录.pdf"
    evidence.write_bytes(PDF_BYTES)

    # The report (R-PRO): who, which rule, when, where, what, with evidence.
    log_in(page, live_server.url, "compliance")
    page.goto(f"{live_server.url}/compliance/violations/report/")
    page.select_option("#id_manager", str(bank.am_a.pk))
    page.get_by_label("R-PRO-6", exact=False).check()
    page.fill("#id_occurred_on", timezone.localdate().isoformat())
    page.fill("#id_place", "城东支行营业厅")
    page.fill("#id_description", "客户经理代客户在开户申请书上签字")
    page.set_input_files("#id_evidence", str(evidence))
    steps.shot(page, "report")
    page.get_by_test_id("report-form").locator("button[type=submit]").click()
    case = ViolationCase.objects.get()
    expect(page.locator(".alert-success")).to_contain_text(f"案件 {case.number} 已提交")
    expect(page.locator("h1")).to_contain_text("已举报")
    expect(page.get_by_test_id("case-facts")).to_contain_text(
        f"甲经理（{bank.am_a.employee_number}） · 城东支行"
    )
    expect(page.get_by_test_id("evidence")).to_contain_text("代签字笔录.pdf")

    # Reported → under investigation → confirmed, each step with a note.
    for status, note, shown in (
        ("investigating", "调取开户资料与监控录像", "调查中"),
        ("confirmed", "监控显示客户经理代签，认定违规", "已认定违规"),
    ):
        form = page.get_by_test_id("step-form")
        form.locator("#id_step-to_status").select_option(status)
        form.locator("#id_step-note").fill(note)
        form.locator("button[type=submit]").click()
        expect(page.locator(".alert-success")).to_contain_text("处理步骤已记录")
        expect(page.locator("h1")).to_contain_text(shown)
        expect(page.get_by_test_id("steps")).to_contain_text(note)
    expect(page.get_by_test_id("step-form")).to_have_count(0)  # a confirmed case is closed
    steps.shot(page, "case-confirmed")

    # An admonishment from the confirmed case (R-DIS-1): recorded, awaiting confirmation.
    page.get_by_role("link", name="登记纪律处分").click()
    expect(page.locator("#id_case")).to_have_value(str(case.pk))
    expect(page.locator("#id_manager")).to_have_value(str(bank.am_a.pk))
    page.select_option("#id_kind", "admonishment")
    page.fill("#id_reason", "代客户签字，违反十严禁第六条")
    page.get_by_test_id("action-form").locator("button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text("处分已登记，等待确认")
    action = case.actions.get()
    item = page.get_by_test_id(f"action-{action.pk}")
    expect(item).to_contain_text("诫勉")
    expect(item).to_contain_text("待处理")
    expect(item.locator("button[value=confirm]")).to_have_count(0)  # not by its recorder

    # The late-arrival fine the system proposed: confirmed (R-DIS-4).
    page.goto(f"{live_server.url}/compliance/fines/?status=proposed")
    row = page.get_by_test_id(f"fine-{fine.pk}")
    expect(row).to_contain_text("甲经理 · 迟到")
    row.locator("button[value=confirm]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    fine.refresh_from_db()
    assert fine.status == FineStatus.CONFIRMED and fine.decided_by == bank.compliance
    page.goto(f"{live_server.url}/compliance/fines/")
    expect(page.get_by_test_id(f"fine-{fine.pk}")).to_contain_text("已确认")
    expect(page.get_by_test_id("totals-by-person")).to_contain_text("甲经理")
    steps.shot(page, "fine-confirmed")

    # A second officer confirms the admonishment.
    second = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800})
    reviewer = second.new_page()
    log_in(reviewer, live_server.url, "compliance2")
    reviewer.goto(f"{live_server.url}/compliance/discipline/?status=proposed")
    item = reviewer.get_by_test_id(f"action-{action.pk}")
    item.locator("button[value=confirm]").click()
    expect(reviewer.locator(".alert-success")).to_contain_text("处理结果已保存")
    expect(reviewer.get_by_test_id(f"action-{action.pk}")).to_have_count(0)  # not proposed
    reviewer.goto(f"{live_server.url}/compliance/discipline/?status=confirmed")
    expect(reviewer.get_by_test_id(f"action-{action.pk}")).to_contain_text("已确认")
    expect(reviewer.get_by_test_id(f"action-{action.pk}")).to_contain_text(case.number)
    steps.shot(reviewer, "action-confirmed")
    second.close()

    # The account manager's own record shows it, allowances at 50%.
    page.context.clear_cookies()
    log_in(page, live_server.url, "am_a")
    page.wait_for_url(lambda url: "/login/" not in url)
    page.goto(f"{live_server.url}/compliance/discipline/mine/")
    expect(page.get_by_test_id("admonishment")).to_contain_text("50%")
    expect(page.get_by_test_id("my-actions")).to_contain_text("诫勉")
    expect(page.get_by_test_id("my-actions")).to_contain_text(case.number)
    steps.shot(page, "my-record")
