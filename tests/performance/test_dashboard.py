"""The branch head's dashboard (R-RPT-3, R-ELG-5, R-JNL-1, R-MTG-1, R-CUS-2, R-VIS-1,
R-CUS-6): each tile's numbers on a small bank, and the links behind them."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from managers.choices import OrgUnitKind
from managers.journal_compliance import journal_compliance
from performance.dashboard_attention import week_start
from performance.dashboard_period import Period
from performance.rule_defaults import wan
from tests.compliance.rest_helpers import hold
from tests.compliance.test_rotation_due import years_ago
from tests.factories import OrgUnitFactory
from tests.performance.dashboard_bank import build_small_bank


@pytest.fixture
def small_bank(bank, levels):
    return build_small_bank(bank, levels)


def page(client, user, **query):
    client.force_login(user)
    response = client.get(reverse("dashboard"), query)
    assert response.status_code == 200
    return response


def tile(response, key):
    return next(
        t
        for t in response.context["attention"] + response.context.get("evaluation_tiles", [])
        if t.key == key
    )


def test_defaults_to_own_unit_and_latest_period(client, small_bank):
    response = page(client, small_bank.head_a)
    assert response.context["unit"] == small_bank.sub_a
    assert response.context["period"] == Period(2026, 3)
    assert response.context["periods"] == [Period(2026, 3), Period(2026, 2)]


def test_figures_against_last_period_and_plan(client, small_bank):
    response = page(client, small_bank.head_a)
    deposits, loans = response.context["figure_rows"]
    assert (deposits.current, deposits.previous, deposits.plan) == (wan(3800), wan(3800), wan(4000))
    assert deposits.change == 0
    assert deposits.completion == Decimal("0.95")
    assert (loans.current, loans.plan, loans.completion) == (wan(100), wan(200), Decimal("0.5"))
    assert response.context["figures"].managers == 2
    body = response.content.decode()
    assert 'data-testid="completion-deposits">95.0%<' in body
    assert "3,800.00" in body  # 万元 through the `wan_yuan` filter


def test_evaluation_tiles_link_to_the_filtered_results(client, small_bank):
    response = page(client, small_bank.head_a)
    evaluation = response.context["evaluation"]
    promotion = tile(response, "promotion_candidate")
    assert promotion.value == 1
    assert tile(response, "demotion_risk").value == 0
    assert tile(response, "below_minimum_line").value == 1
    assert promotion.url == (
        reverse("evaluation-detail", args=[evaluation.pk])
        + f"?unit={small_bank.sub_a.pk}&action=promotion_candidate"
    )
    listed = client.get(promotion.url).context["page"]
    assert [result.manager for result in listed] == [small_bank.am_a]


def test_branch_totals_for_hr(client, small_bank):
    response = page(client, small_bank.hr)
    assert response.context["unit"] == small_bank.branch
    actions = response.context["figures"].actions
    assert (actions["promotion_candidate"], actions["keep"], actions["below_minimum_line"]) == (
        1,
        1,
        1,
    )
    units = {row.unit: (row.managers, row.deposits) for row, _url in response.context["units"]}
    assert units == {small_bank.sub_a: (2, wan(3800)), small_bank.sub_b: (1, wan(1600))}


def test_grade_distribution(client, small_bank, levels):
    response = page(client, small_bank.head_a)
    grades = {row.code: (row.current, row.eligible) for row in response.context["grades"]}
    assert grades["L4"] == (1, 0)
    assert grades["L3"] == (0, 1)
    assert grades[""] == (1, 1)  # am_a1: no grade, eligible for none
    chart = response.context["charts"]["grades"]
    assert chart["labels"][0] == levels["senior"].name


def test_unit_comparison_drills_down(client, small_bank):
    response = page(client, small_bank.head_a)
    rows = [(row.unit, row.managers) for row, _url in response.context["units"]]
    assert rows == [(small_bank.sub_a, 1), (small_bank.outlet_a1, 1)]
    url = response.context["units"][1][1]
    assert f"unit={small_bank.outlet_a1.pk}" in url
    drilled = client.get(url)
    assert drilled.context["unit"] == small_bank.outlet_a1
    assert drilled.context["figures"].managers == 1


def test_unit_comparison_leaves_out_departments_without_managers(client, small_bank):
    outlet = OrgUnitFactory(parent=small_bank.sub_a, name="城东第二网点", kind=OrgUnitKind.OUTLET)
    OrgUnitFactory(parent=small_bank.sub_a, name="城东办公室", kind=OrgUnitKind.DEPARTMENT)
    response = page(client, small_bank.head_a)
    units = [row.unit for row, _url in response.context["units"]]
    assert units == [small_bank.sub_a, small_bank.outlet_a1, outlet]  # an outlet shows its 0


def test_rotations_due_tile_and_the_list_behind_it(client, small_bank):
    """R-PRO-11: a manager holding customers for almost three years is due within the
    policy's 90-day notice."""
    hold(small_bank.am_a1, years_ago(3, days=30), small_bank.head_a)
    rotation = tile(page(client, small_bank.head_a), "rotations-due")
    assert (rotation.value, rotation.alert) == (1, True)
    listed = client.get(rotation.url).context["page"]
    assert [row.pk for row in listed] == [small_bank.am_a1.pk]
    assert tile(page(client, small_bank.head_b), "rotations-due").value == 0


def test_npl_trend_and_new_npls(client, small_bank):
    response = page(client, small_bank.head_a)
    months = {row.month: row for row in response.context["months"]}
    assert months[8].loans == wan(300) and months[8].npl_ratio == 0
    assert months[9].non_performing == wan(200)
    assert months[9].npl_ratio == Decimal("0.6667")
    new = response.context["new_npls"]
    assert (new.year, new.month, new.count) == (2026, 9, 1)
    assert [figure.customer.number for figure in new.figures] == ["CNPL"]
    assert response.context["charts"]["trend"]["ratio"]["data"][-1] == pytest.approx(66.67)
    assert page(client, small_bank.head_b).context["new_npls"].count == 0


def test_attention_tiles(client, small_bank):
    response = page(client, small_bank.head_a)
    sub_a = small_bank.sub_a.pk
    assert tile(response, "cases-reported").value == 1
    assert tile(response, "cases-investigating").value == 0
    assert tile(response, "actions-proposed").value == 1
    assert tile(response, "fines-proposed").value == 1
    assert tile(response, "unassigned").value == 2  # CNPL, CNEW
    assert tile(response, "visits-overdue").value == 3  # nobody visited CA, CNPL, CNEW
    assert tile(response, "unassigned").url == (
        reverse("customer-list") + f"?unit={sub_a}&unassigned=true"
    )
    listed = client.get(tile(response, "fines-proposed").url).context["page"]
    assert [fine.manager for fine in listed] == [small_bank.am_a1]
    meetings = response.context["meetings"].counts
    assert sum(meetings.values()) == 2  # sub-branch A and outlet A1 hold meetings
    assert meetings["held"] == 0


def test_journal_tile_is_this_weeks_report(client, small_bank):
    response = page(client, small_bank.head_a)
    today = timezone.localdate()
    report = journal_compliance(
        small_bank.head_a, start=week_start(today), end=today, unit=small_bank.sub_a
    )
    assert tile(response, "journals-missing").value == report.total.missing
    assert f"start={week_start(today).isoformat()}" in tile(response, "journals-missing").url


def test_new_accounts(client, small_bank):
    counts = page(client, small_bank.head_a).context["new_accounts"]
    assert (counts.corporate_week, counts.corporate_month, counts.basic_month) == (1, 1, 1)
    assert page(client, small_bank.head_b).context["new_accounts"].corporate_month == 0


def test_credit_officer_gets_no_links_to_pages_they_cannot_open(client, small_bank):
    response = page(client, small_bank.officer_a)
    assert tile(response, "fines-proposed").url is None
    assert tile(response, "actions-proposed").url is None
    assert tile(response, "cases-reported").url is not None


def test_before_any_evaluation(client, bank):
    response = page(client, bank.head_a)
    assert response.context["period"] is None
    assert 'data-testid="no-evaluation"' in response.content.decode()


def test_charts_come_from_local_files_without_inline_script(client, small_bank):
    body = page(client, small_bank.head_a).content.decode()
    assert "vendor/echarts/echarts.min.js" in body
    assert "js/dashboard.js" in body
    scripts = [chunk.split(">", 1)[0] for chunk in body.split("<script")[1:]]
    inline = [tag for tag in scripts if "src=" not in tag]
    assert inline == [' id="dashboard-charts" type="application/json"']


def test_chinese_by_default(client, small_bank):
    body = page(client, small_bank.head_a).content.decode()
    for text in ("今日待关注事项", "晋升候选", "不良贷款（R-RPT-3）", "本周缺交日志"):
        assert text in body
