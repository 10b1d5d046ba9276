"""REST API: token and session auth, scoping (404 outside), filters, errors, query counts."""

import pytest
from rest_framework.test import APIClient

from managers.choices import ManagerLine, ManagerStatus
from managers.models import AccountManager
from tests.factories import AccountManagerFactory, OrgUnitFactory

MANAGERS = "/api/v1/managers/"
UNITS = "/api/v1/org-units/"


def listed_names(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["name"] for row in response.json()["results"]}


def test_anonymous_is_refused():
    response = APIClient().get(MANAGERS)
    assert response.status_code == 401
    assert "detail" in response.json()


def test_bad_token_is_refused(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get(MANAGERS).status_code == 401


def test_integration_token_lists_its_branch(bank, api_client_for):
    response = api_client_for(bank.integration).get(MANAGERS)
    assert listed_names(response) == {"甲经理", "网点经理", "乙经理"}
    assert response.json()["count"] == 3


def test_head_lists_only_own_subtree(bank, api_client_for):
    assert listed_names(api_client_for(bank.head_a).get(MANAGERS)) == {"甲经理", "网点经理"}
    assert listed_names(api_client_for(bank.head_b).get(MANAGERS)) == {"乙经理"}


def test_out_of_scope_detail_is_404_without_data(bank, api_client_for):
    response = api_client_for(bank.head_a).get(f"{MANAGERS}{bank.am_b.pk}/")
    assert response.status_code == 404
    assert "乙经理" not in response.content.decode()


def test_account_manager_sees_only_themself(bank, api_client_for):
    assert listed_names(api_client_for(bank.am_a_user).get(MANAGERS)) == {"甲经理"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"unit": "sub_a"}, {"甲经理", "网点经理"}),
        ({"unit": "outlet_a1"}, {"网点经理"}),
        ({"line": ManagerLine.PERSONAL}, {"乙经理"}),
        ({"status": ManagerStatus.TRAINEE}, {"网点经理"}),
        ({"q": "甲"}, {"甲经理"}),
        ({"q": "T"}, {"甲经理", "网点经理", "乙经理"}),
    ],
)
def test_filters(bank, api_client_for, params, expected):
    bank.am_b.line = ManagerLine.PERSONAL
    bank.am_b.save()
    bank.am_a1.status = ManagerStatus.TRAINEE
    bank.am_a1.save()
    if "unit" in params:
        params = {"unit": getattr(bank, params["unit"]).pk}
    assert listed_names(api_client_for(bank.hr).get(MANAGERS, params)) == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"line": "astronaut"}, "line"),
        ({"status": "retired-ish"}, "status"),
        ({"unit": "999999"}, "unit"),
        ({"unit": "abc"}, "unit"),
    ],
)
def test_unknown_filter_values_are_400_naming_the_field(bank, api_client_for, params, field):
    response = api_client_for(bank.hr).get(MANAGERS, params)
    assert response.status_code == 400
    assert field in response.json()


def test_filtering_by_a_unit_outside_scope_is_400_not_data(bank, api_client_for):
    response = api_client_for(bank.head_a).get(MANAGERS, {"unit": bank.sub_b.pk})
    assert response.status_code == 400
    assert "unit" in response.json()
    assert "城西" not in response.content.decode()


def test_org_units_endpoint_scoped_with_parent(bank, api_client_for):
    rows = api_client_for(bank.head_a).get(UNITS).json()["results"]
    assert [(r["name"], r["parent"]) for r in rows] == [
        ("城东支行", bank.branch.pk),
        ("城东第一网点", bank.sub_a.pk),
    ]
    everything = api_client_for(bank.admin).get(UNITS).json()["results"]
    assert everything[0]["parent"] is None


def test_org_units_within_filter(bank, api_client_for):
    rows = api_client_for(bank.hr).get(UNITS, {"within": bank.sub_a.pk}).json()["results"]
    assert {r["name"] for r in rows} == {"城东支行", "城东第一网点"}


def new_manager_payload(unit, **overrides):
    payload = {
        "employee_number": "E900001",
        "name": "新经理",
        "line": ManagerLine.CORPORATE,
        "unit": unit.pk,
        "hire_date": "2024-07-01",
        "marketing_since": "2024-09-01",
        "education": "bachelor",
        "status": ManagerStatus.TRAINEE,
    }
    return payload | overrides


def test_hr_creates_a_manager_with_history(bank, api_client_for):
    response = api_client_for(bank.hr).post(MANAGERS, new_manager_payload(bank.sub_b))
    assert response.status_code == 201, response.content
    manager = AccountManager.objects.get(employee_number="E900001")
    assert manager.unit == bank.sub_b
    record = manager.history.get()
    assert record.history_type == "+" and record.history_user == bank.hr


def test_write_referencing_out_of_scope_unit_is_400(bank, api_client_for):
    hr_of_a = bank.head_a
    hr_of_a.role = "hr"
    hr_of_a.save()
    response = api_client_for(hr_of_a).post(MANAGERS, new_manager_payload(bank.sub_b))
    assert response.status_code == 400
    assert "unit" in response.json()
    assert not AccountManager.objects.filter(employee_number="E900001").exists()


def test_unit_head_cannot_write(bank, api_client_for):
    response = api_client_for(bank.head_a).post(MANAGERS, new_manager_payload(bank.sub_a))
    assert response.status_code == 403
    assert "detail" in response.json()


def test_field_errors_are_json_per_field(bank, api_client_for):
    payload = new_manager_payload(
        bank.sub_a, employee_number="", hire_date="2024-13-45", line="pilot"
    )
    response = api_client_for(bank.hr).post(MANAGERS, payload)
    assert response.status_code == 400
    assert {"employee_number", "hire_date", "line"} <= set(response.json())


def test_model_rule_error_is_a_field_error(bank, api_client_for):
    payload = new_manager_payload(bank.sub_a, marketing_since="2020-01-01")
    response = api_client_for(bank.hr).post(MANAGERS, payload)
    assert response.status_code == 400
    assert "marketing_since" in response.json()


def test_duplicate_employee_number_is_a_field_error(bank, api_client_for):
    payload = new_manager_payload(bank.sub_a, employee_number=bank.am_a.employee_number)
    response = api_client_for(bank.hr).post(MANAGERS, payload)
    assert response.status_code == 400
    assert "employee_number" in response.json()


def test_update_out_of_scope_is_404(bank, api_client_for):
    client = api_client_for(bank.hr)
    assert client.patch(f"{MANAGERS}{bank.am_b.pk}/", {"status": "exited"}).status_code == 200
    bank.hr.org_unit = bank.sub_a
    bank.hr.save()
    assert client.patch(f"{MANAGERS}{bank.am_b.pk}/", {"status": "active"}).status_code == 404


def test_no_delete(bank, api_client_for):
    assert api_client_for(bank.admin).delete(f"{MANAGERS}{bank.am_a.pk}/").status_code == 405


def test_pagination(bank, api_client_for):
    AccountManagerFactory.create_batch(7, unit=bank.sub_a)
    body = api_client_for(bank.hr).get(MANAGERS, {"page_size": 4, "page": 2}).json()
    assert body["count"] == 10 and len(body["results"]) == 4 and body["previous"]


@pytest.mark.parametrize("url", [MANAGERS, UNITS])
def test_list_query_count_is_constant(bank, api_client_for, url, django_assert_max_num_queries):
    client = api_client_for(bank.integration)
    with django_assert_max_num_queries(10) as before:
        client.get(url)
    for _index in range(20):
        unit = OrgUnitFactory(parent=bank.sub_b, kind="outlet")
        AccountManagerFactory.create_batch(2, unit=unit)
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get(url)
    assert response.json()["count"] > 20


def test_schema_and_docs_need_login_and_are_served(bank, client):
    assert client.get("/api/schema/").status_code in (401, 403)
    client.force_login(bank.integration)
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/managers/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()


def test_schema_validates_without_warnings(db):
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
