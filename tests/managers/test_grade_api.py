"""Grade API: levels, proposals with approve/reject actions, the roster file endpoints."""

from datetime import date
from decimal import Decimal

import pytest

from managers.models import GradeChange
from tests.factories import AccountManagerFactory, UserFactory, appoint

LEVELS = "/api/v1/grade-levels/"
CHANGES = "/api/v1/grade-changes/"


def test_grade_levels_of_the_default_scheme(bank, levels, api_client_for):
    rows = api_client_for(bank.integration).get(LEVELS).json()["results"]
    table = {(r["code"], r["staff_grade"], r["communication_allowance"]) for r in rows}
    # R-GRD-2: senior→5 (300), L1→6 (260), L2→7 (200), L3→8 (160), L4→9, trainee→9
    assert table == {
        ("senior", 5, "300.00"),
        ("L1", 6, "260.00"),
        ("L2", 7, "200.00"),
        ("L3", 8, "160.00"),
        ("L4", 9, "160.00"),
        ("trainee", 9, "160.00"),
    }


def test_only_administrators_edit_grade_levels(bank, levels, api_client_for):
    url = f"{LEVELS}{levels['L3'].pk}/"
    assert api_client_for(bank.hr).patch(url, {"transport_allowance": "100"}).status_code == 403
    response = api_client_for(bank.admin).patch(url, {"transport_allowance": "100.00"})
    assert response.status_code == 200
    assert response.json()["monthly_allowances"] == "260.00"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"communication_allowance": "-1"}, "communication_allowance"),
        ({"transport_allowance": "-0.01"}, "transport_allowance"),
        ({"staff_grade": None}, "staff_grade"),
        ({"staff_grade": 0}, "staff_grade"),
    ],
)
def test_bad_grade_level_values_are_field_errors(bank, levels, api_client_for, payload, field):
    url = f"{LEVELS}{levels['L3'].pk}/"
    response = api_client_for(bank.admin).patch(url, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    levels["L3"].refresh_from_db()
    assert levels["L3"].communication_allowance == Decimal("160.00")


def test_a_level_without_staff_grade_cannot_be_created(bank, levels, api_client_for):
    payload = {
        "scheme": levels["L3"].scheme_id,
        "code": "L5",
        "name": "五级",
        "rank": 7,
        "approval_authority": "sub_branch",
    }
    response = api_client_for(bank.admin).post(LEVELS, payload)
    assert response.status_code == 400 and "staff_grade" in response.json()


def proposal(manager, level, **extra):
    return {
        "manager": manager.pk,
        "kind": "appoint",
        "to_level": level.pk,
        "effective_date": "2026-01-01",
        "reason": "年度聘任",
    } | extra


def test_propose_then_approve_shows_the_grade_on_the_manager(bank, levels, api_client_for):
    head = api_client_for(bank.head_a)
    created = head.post(CHANGES, proposal(bank.am_a, levels["L3"]))
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "proposed" and body["authority"] == "sub_branch"

    approved = api_client_for(bank.hr).post(f"{CHANGES}{body['id']}/approve/", {"opinion": "同意"})
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == "approved"
    manager = api_client_for(bank.hr).get(f"/api/v1/managers/{bank.am_a.pk}/").json()
    assert (manager["grade"], manager["staff_grade"], manager["term_ends"]) == (
        "L3",
        8,
        "2026-12-31",
    )
    graded = api_client_for(bank.hr).get("/api/v1/managers/", {"grade": levels["L3"].pk}).json()
    assert [row["name"] for row in graded["results"]] == ["甲经理"]


def test_approving_outside_ones_authority_is_403_with_the_reason(bank, levels, api_client_for):
    bank.am_a.hire_date = bank.am_a.marketing_since = date(2015, 1, 1)
    bank.am_a.save()
    change = api_client_for(bank.head_a).post(CHANGES, proposal(bank.am_a, levels["L1"])).json()
    sub_branch_hr = UserFactory(role="hr", org_unit=bank.sub_a)
    response = api_client_for(sub_branch_hr).post(f"{CHANGES}{change['id']}/approve/", {})
    assert response.status_code == 403
    assert "R-GRD-4" in response.json()["detail"]
    assert GradeChange.objects.get(pk=change["id"]).status == "proposed"


def test_prerequisite_failure_is_400_until_justified(bank, levels, api_client_for):
    bank.am_a.hire_date = bank.am_a.marketing_since = date(2025, 6, 1)
    bank.am_a.save()
    change = api_client_for(bank.head_a).post(CHANGES, proposal(bank.am_a, levels["L2"])).json()
    assert change["prerequisite_issues"]
    url = f"{CHANGES}{change['id']}/approve/"
    refused = api_client_for(bank.hr).post(url, {"opinion": "同意"})
    assert refused.status_code == 400 and "exception_justification" in refused.json()
    accepted = api_client_for(bank.hr).post(
        url, {"opinion": "同意", "exception_justification": "分行党委特批"}
    )
    assert accepted.status_code == 200 and accepted.json()["is_exception"]


def test_reject_needs_an_opinion(bank, levels, api_client_for):
    change = api_client_for(bank.head_a).post(CHANGES, proposal(bank.am_a, levels["L4"])).json()
    url = f"{CHANGES}{change['id']}/reject/"
    assert api_client_for(bank.hr).post(url, {}).json().keys() == {"opinion"}
    assert api_client_for(bank.hr).post(url, {"opinion": "不符合条件"}).json()["status"] == (
        "rejected"
    )


def test_proposal_for_an_out_of_scope_manager_is_400(bank, levels, api_client_for):
    response = api_client_for(bank.head_a).post(CHANGES, proposal(bank.am_b, levels["L4"]))
    assert response.status_code == 400 and "manager" in response.json()


def test_account_manager_cannot_propose(bank, levels, api_client_for):
    response = api_client_for(bank.am_a_user).post(CHANGES, proposal(bank.am_a, levels["L4"]))
    assert response.status_code == 403


def test_contradictory_kind_is_a_field_error(bank, levels, api_client_for):
    payload = proposal(bank.am_a, levels["L4"], kind="promote")
    response = api_client_for(bank.head_a).post(CHANGES, payload)
    assert response.status_code == 400 and "kind" in response.json()


def test_grade_changes_are_scoped_and_filtered(bank, levels, api_client_for):
    api_client_for(bank.hr).post(CHANGES, proposal(bank.am_a, levels["L4"]))
    api_client_for(bank.hr).post(CHANGES, proposal(bank.am_b, levels["L3"]))

    def names(client, **filters) -> set[str]:
        return {row["manager_name"] for row in client.get(CHANGES, filters).json()["results"]}

    assert names(api_client_for(bank.head_b)) == {"乙经理"}
    assert names(api_client_for(bank.hr), to_level=levels["L4"].pk) == {"甲经理"}
    assert names(api_client_for(bank.hr), unit=bank.sub_b.pk) == {"乙经理"}
    assert names(api_client_for(bank.hr), status="approved") == set()
    assert api_client_for(bank.hr).get(CHANGES, {"status": "maybe"}).status_code == 400


def test_grade_change_list_query_count_is_constant(
    bank, levels, api_client_for, django_assert_max_num_queries
):
    client = api_client_for(bank.hr)
    client.post(CHANGES, proposal(bank.am_a, levels["L4"]))
    with django_assert_max_num_queries(10) as before:
        client.get(CHANGES)
    for _ in range(15):
        manager = AccountManagerFactory(unit=bank.sub_b)
        appoint(
            manager, levels["L4"], start=date(2025, 1, 1), proposer=bank.head_b, approver=bank.hr
        )
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(CHANGES).json()["count"] == 16
