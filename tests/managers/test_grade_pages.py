"""Grade pages: roster, proposal and decision forms, trainees; scoped and role-limited."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from managers.choices import EntryRoute, ManagerStatus
from managers.models import GradeChange
from performance.models import SuggestedAction
from tests.factories import AccountManagerFactory, CustomerFactory, appoint
from tests.performance.helpers import evaluate, held, monthly


def login(client, user):
    client.force_login(user)
    return client


def test_roster_lists_grade_staff_grade_and_allowances(client, bank, levels):
    appoint(
        bank.am_a,
        levels["L2"],
        start=date(2026, 1, 1),
        proposer=bank.hr,
        approver=bank.admin,
        justification="",
    )
    body = login(client, bank.head_a).get(reverse("roster")).content.decode()
    assert "二级客户经理" in body and "200.00" in body and "2026-12-31" in body
    assert "甲经理" in body and "乙经理" not in body


def test_roster_filters_by_grade_and_sorts(client, bank, levels):
    appoint(bank.am_a, levels["L3"], start=date(2026, 1, 1), proposer=bank.head_a, approver=bank.hr)
    appoint(bank.am_b, levels["L2"], start=date(2026, 1, 1), proposer=bank.head_b, approver=bank.hr)
    login(client, bank.hr)
    page = client.get(reverse("roster"), {"grade": levels["L2"].pk}).context["page"]
    assert [m.name for m in page] == ["乙经理"]
    page = client.get(reverse("roster"), {"ordering": "-grade"}).context["page"]
    assert [m.name for m in page][:2] == ["乙经理", "甲经理"]


@pytest.mark.parametrize("user_attr", ["am_a_user", "officer_a"])
def test_roster_and_grade_pages_are_not_for_every_role(client, bank, user_attr):
    login(client, getattr(bank, user_attr))
    for name in ("roster", "grade-change-list", "trainees"):
        assert client.get(reverse(name)).status_code == 403


def test_roster_query_count_is_constant(client, bank, levels, django_assert_max_num_queries):
    login(client, bank.hr)
    with django_assert_max_num_queries(12) as before:
        client.get(reverse("roster"))
    for _ in range(10):
        manager = AccountManagerFactory(unit=bank.sub_b)
        appoint(
            manager, levels["L4"], start=date(2026, 1, 1), proposer=bank.head_b, approver=bank.hr
        )
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("roster"))


def test_propose_and_approve_through_the_pages(client, bank, levels):
    login(client, bank.head_a)
    response = client.post(
        reverse("grade-change-propose", args=[bank.am_a.pk]),
        {
            "kind": "appoint",
            "to_level": levels["L3"].pk,
            "effective_date": "2026-01-01",
            "reason": "年度聘任",
        },
    )
    change = GradeChange.objects.get(manager=bank.am_a)
    assert response.status_code == 302
    assert response["Location"] == reverse("grade-change-detail", args=[change.pk])
    own = client.get(response["Location"]).content.decode()
    assert "不能审批本人提出的建议" in own  # the proposer sees why they cannot decide

    login(client, bank.hr)
    queue = client.get(reverse("grade-change-list")).context["page"]
    assert [c.pk for c in queue] == [change.pk]
    client.post(
        reverse("grade-change-detail", args=[change.pk]), {"decision": "approve", "opinion": "同意"}
    )
    detail = client.get(reverse("manager-detail", args=[bank.am_a.pk])).content.decode()
    assert "三级客户经理" in detail
    bank.am_a.refresh_from_db()
    assert bank.am_a.current_appointment.level == levels["L3"]


def test_page_shows_prerequisite_errors_on_the_form(client, bank, levels):
    bank.am_a.hire_date = bank.am_a.marketing_since = date(2025, 6, 1)
    bank.am_a.save()
    login(client, bank.head_a)
    client.post(
        reverse("grade-change-propose", args=[bank.am_a.pk]),
        {
            "kind": "appoint",
            "to_level": levels["L2"].pk,
            "effective_date": "2026-01-01",
            "reason": "建议聘任",
        },
    )
    change = GradeChange.objects.get(manager=bank.am_a)
    login(client, bank.hr)
    response = client.post(
        reverse("grade-change-detail", args=[change.pk]), {"decision": "approve", "opinion": "同意"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["exception_justification"]
    assert "R-GRD-6" in response.content.decode()
    change.refresh_from_db()
    assert change.status == "proposed"


def test_bad_proposal_shows_field_errors_and_saves_nothing(client, bank, levels):
    login(client, bank.head_a)
    response = client.post(
        reverse("grade-change-propose", args=[bank.am_a.pk]),
        {
            "kind": "promote",
            "to_level": levels["L3"].pk,
            "effective_date": "2026-13-01",
            "reason": "",
        },
    )
    assert response.status_code == 200
    assert {"effective_date", "reason"} <= set(response.context["form"].errors)
    assert not GradeChange.objects.exists()


def test_propose_for_another_sub_branch_is_404(client, bank):
    login(client, bank.head_a)
    assert client.get(reverse("grade-change-propose", args=[bank.am_b.pk])).status_code == 404


def test_trainees_ending_within_30_days(client, bank, levels):
    today = timezone.localdate()
    soon = AccountManagerFactory(
        name="见习甲",
        unit=bank.sub_a,
        status=ManagerStatus.TRAINEE,
        hire_date=today - timedelta(days=350),
        marketing_since=today - timedelta(days=350),
    )
    AccountManagerFactory(
        name="见习乙",
        unit=bank.sub_a,
        status=ManagerStatus.TRAINEE,
        hire_date=today - timedelta(days=100),
        marketing_since=today - timedelta(days=100),
    )
    transfer = AccountManagerFactory(
        name="转岗丙",
        unit=bank.sub_a,
        status=ManagerStatus.TRAINEE,
        entry_route=EntryRoute.TRANSFER,
        hire_date=date(2015, 1, 1),
        marketing_since=today - timedelta(days=170),
    )
    AccountManagerFactory(
        name="外行见习",
        unit=bank.sub_b,
        status=ManagerStatus.TRAINEE,
        hire_date=today - timedelta(days=350),
        marketing_since=today - timedelta(days=350),
    )
    rows = login(client, bank.head_a).get(reverse("trainees")).context["rows"]
    # R-GRD-5: the transfer's six months end before the graduate's year; soonest first.
    assert [row.manager for row in rows] == [transfer, soon]
    assert rows[1].ends_on - rows[0].ends_on < timedelta(days=10)


def graded_holding(manager, level, deposit_wan, bank, head):
    """`manager` at `level` holds one customer with these deposits all of 2025 and
    January–September 2026."""
    appoint(manager, level, start=date(2025, 1, 1), proposer=head, approver=bank.hr)
    customer = CustomerFactory(unit=manager.unit)
    monthly(customer, 2026, range(1, 10), deposit_wan=deposit_wan)
    monthly(customer, 2025, range(1, 13), deposit_wan=deposit_wan)
    held(customer, manager, bank.hr)


def test_roster_shows_the_latest_eligible_grade_with_constant_queries(client, bank, levels):
    """R-ELG-5: an L4 with 3,800万 is eligible for L3 (R-ELG-2)."""
    graded_holding(bank.am_a, levels["L4"], 3800, bank, bank.head_a)
    login(client, bank.hr)

    def roster():
        evaluate(2026, 3)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("roster"))
        return response, len(captured.captured_queries)

    response, few = roster()
    body = response.content.decode()
    row = re.search(rf"<tr>\s*<td>{bank.am_a.employee_number}</td>(.*?)</tr>", body, re.S)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    with translation.override("zh-hans"):
        promote = str(SuggestedAction.PROMOTION_CANDIDATE.label)
    assert cells[-2:] == ["三级客户经理", promote]
    for _ in range(5):
        graded_holding(
            AccountManagerFactory(unit=bank.sub_b), levels["L4"], 1600, bank, bank.head_b
        )
    assert roster()[1] == few


def test_hr_sees_the_promotion_candidates_of_their_scope(client, bank, levels):
    graded_holding(bank.am_a, levels["L4"], 3800, bank, bank.head_a)
    graded_holding(bank.am_b, levels["L4"], 3800, bank, bank.head_b)
    evaluate(2026, 3)

    response = login(client, bank.hr).get(reverse("grade-change-list"))
    assert {r.manager for r in response.context["candidates"]} == {bank.am_a, bank.am_b}
    body = response.content.decode()
    assert reverse("grade-change-propose", args=[bank.am_a.pk]) in body
    assert reverse("manager-indicators", args=[bank.am_a.pk]) in body
    candidate = next(r for r in response.context["candidates"] if r.manager == bank.am_a)
    assert (candidate.current_grade_name, candidate.eligible_grade_name) == (
        "四级客户经理",
        "三级客户经理",
    )

    response = login(client, bank.head_b).get(reverse("grade-change-list"))
    assert [r.manager for r in response.context["candidates"]] == [bank.am_b]
    assert "甲经理" not in response.content.decode()


def test_a_candidate_already_proposed_shows_the_pending_proposal(client, bank, levels):
    graded_holding(bank.am_a, levels["L4"], 3800, bank, bank.head_a)
    evaluate(2026, 3)
    login(client, bank.head_a).post(
        reverse("grade-change-propose", args=[bank.am_a.pk]),
        {
            "kind": "promote",
            "to_level": levels["L3"].pk,
            "effective_date": "2026-12-01",
            "reason": "业绩达到三级",
        },
    )
    assert GradeChange.objects.filter(manager=bank.am_a, status="proposed").exists()
    response = login(client, bank.hr).get(reverse("grade-change-list"))
    (candidate,) = response.context["candidates"]
    assert candidate.proposal_pending
    body = response.content.decode()
    assert reverse("grade-change-propose", args=[bank.am_a.pk]) not in body
