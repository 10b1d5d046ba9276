"""Performance REST API: asking for an evaluation (R-ELG-5) and reading it with its results,
scoped (R-ORG-1) and filtered; importing monthly figures (DOMAIN §3) as JSON or CSV, all or
nothing; query counts that do not grow with the rows."""

from datetime import date

import pytest
from django.utils import timezone

from performance.models import (
    Evaluation,
    EvaluationStatus,
    FigureImport,
    ImportStatus,
    MonthlyFigure,
    RuleSet,
)
from tests.factories import AccountManagerFactory, CustomerFactory, appoint
from tests.performance.helpers import evaluate, held, monthly

EVALUATIONS = "/api/v1/evaluations/"
FIGURES = "/api/v1/figures/"
IMPORTS = "/api/v1/figure-imports/"
JAN_SEP = range(1, 10)
CSV_HEADER = (
    "客户号,月份,日均存款(元),日均贷款(元),国际结算额(美元),五级分类,欠息(元),逾期天数,垫款(元)"
)


@pytest.fixture
def graded(bank, levels):
    """An account manager of `unit` (default sub-branch A) appointed to `code` in 2025."""

    def make(code="L4", unit=None):
        manager = AccountManagerFactory(unit=unit or bank.sub_a)
        appoint(
            manager, levels[code], start=date(2025, 1, 1), proposer=bank.head_a, approver=bank.hr
        )
        return manager

    return make


def with_deposits(manager, deposit_wan, by):
    """A customer of the manager's unit held by them, with `deposit_wan` 万 of deposits in
    January–September 2026 and the same all of 2025 (no new deposits)."""
    customer = CustomerFactory(unit=manager.unit)
    monthly(customer, 2026, JAN_SEP, deposit_wan=deposit_wan)
    monthly(customer, 2025, range(1, 13), deposit_wan=deposit_wan)
    held(customer, manager, by)
    return customer


@pytest.fixture
def star(bank, graded):
    """An L4 with 3,800万 of deposits: eligible for L3, a promotion candidate (R-ELG-2)."""
    manager = graded("L4")
    with_deposits(manager, 3800, bank.hr)
    return manager


@pytest.fixture
def whole_bank(bank, star):
    return evaluate(2026, 3)


def results_url(evaluation) -> str:
    return f"{EVALUATIONS}{evaluation.pk}/results/"


def result_rows(client, evaluation, **params) -> dict[int, dict]:
    response = client.get(results_url(evaluation), params)
    assert response.status_code == 200, response.content
    return {row["manager"]: row for row in response.json()["results"]}


# --- Asking for an evaluation -----------------------------------------------------------


def test_hr_asks_for_an_evaluation_and_follows_it_to_done(
    bank, star, api_client_for, django_capture_on_commit_callbacks
):
    client = api_client_for(bank.hr)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(EVALUATIONS, {"period": "2026Q3"})

    assert response.status_code == 202, response.content
    body = response.json()
    assert (body["period"], body["status"], body["unit"]) == ("2026Q3", "queued", bank.branch.pk)
    assert body["requested_by"] == "hr" and body["url"].endswith(f"{EVALUATIONS}{body['id']}/")
    assert len(queued) == 1  # the worker's task, sent once the request commits
    evaluation = Evaluation.objects.get(pk=body["id"])
    assert evaluation.status == EvaluationStatus.QUEUED

    rule_set = RuleSet.objects.get(year=2026, is_active=True)
    rule_set.save()  # an administrator's edit: a new version (R-ELG-5: the run names it)
    evaluate(2026, 3, unit=bank.branch)  # what the worker does

    done = client.get(body["url"]).json()
    assert (done["status"], done["progress"]) == ("done", 100)
    assert (done["rule_set"], done["rule_set_year"]) == (rule_set.pk, 2026)
    assert done["rule_set_version"] == rule_set.history.latest("history_id").history_id
    assert done["managers_count"] == 4 and done["finished_at"] and done["stage"]
    row = result_rows(client, evaluation)[star.pk]
    assert (row["eligible_grade"], row["action"]) == ("L3", "promotion_candidate")


def test_an_evaluation_of_a_unit_in_scope(bank, api_client_for):
    response = api_client_for(bank.integration).post(
        EVALUATIONS, {"period": "2026q2", "unit": bank.sub_a.pk}
    )
    assert response.status_code == 202, response.content
    assert (response.json()["unit_name"], response.json()["period"]) == ("城东支行", "2026Q2")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"period": "2026Q5"}, "period"),
        ({"period": "Q3 2026"}, "period"),
        ({"period": "2027Q1"}, "period"),  # not begun yet
        ({}, "period"),
        ({"period": "2026Q3", "unit": 999999}, "unit"),
        ({"period": "2026Q3", "unit": "head_office"}, "unit"),  # outside the HR's branch
    ],
)
def test_bad_requests_are_field_errors(bank, api_client_for, payload, field):
    if payload.get("unit") == "head_office":
        payload["unit"] = bank.head_office.pk
    response = api_client_for(bank.hr).post(EVALUATIONS, payload)
    assert response.status_code == 400
    assert field in response.json()
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("user", ["head_a", "am_a_user", "compliance"])
def test_only_evaluators_ask_for_evaluations(bank, api_client_for, user):
    response = api_client_for(getattr(bank, user)).post(EVALUATIONS, {"period": "2026Q3"})
    assert response.status_code == 403 and "detail" in response.json()
    assert not Evaluation.objects.exists()


# --- Reading evaluations ----------------------------------------------------------------


def an_evaluation(year, quarter, unit=None, status=EvaluationStatus.DONE, by=None):
    return Evaluation.objects.create(
        year=year,
        quarter=quarter,
        unit=unit,
        scope_path=unit.path if unit else "",
        status=status,
        requested_by=by,
        requested_at=timezone.now(),
        rule_set=RuleSet.objects.get(year=2026, is_active=True),
    )


def listed_periods(client, **params) -> list[tuple[str, int | None]]:
    response = client.get(EVALUATIONS, params)
    assert response.status_code == 200, response.content
    return [(row["period"], row["unit"]) for row in response.json()["results"]]


def test_evaluations_are_scoped_and_filtered(bank, api_client_for):
    an_evaluation(2026, 3)
    of_a = an_evaluation(2026, 2, bank.sub_a, status=EvaluationStatus.FAILED)
    an_evaluation(2026, 2, bank.sub_b)

    hr, head_b = api_client_for(bank.hr), api_client_for(bank.head_b)
    assert listed_periods(head_b) == [("2026Q3", None), ("2026Q2", bank.sub_b.pk)]
    assert head_b.get(f"{EVALUATIONS}{of_a.pk}/").status_code == 404
    assert head_b.get(results_url(of_a)).status_code == 404
    assert listed_periods(hr, period="2026Q2") == [
        ("2026Q2", bank.sub_a.pk),
        ("2026Q2", bank.sub_b.pk),
    ]
    assert listed_periods(hr, status="failed") == [("2026Q2", bank.sub_a.pk)]
    assert "period" in hr.get(EVALUATIONS, {"period": "2026Q9"}).json()
    assert "status" in hr.get(EVALUATIONS, {"status": "lost"}).json()


# --- Results ----------------------------------------------------------------------------


def test_a_result_carries_the_figures_per_grade_and_the_gap(bank, star, whole_bank, api_client_for):
    """R-ELG-2: 3,800万 meets L3's deposits; the gap to L3 (the grade above L4) is nil."""
    row = result_rows(api_client_for(bank.hr), whole_bank)[star.pk]

    assert (row["employee_number"], row["unit"], row["unit_name"]) == (
        star.employee_number,
        bank.sub_a.pk,
        "城东支行",
    )
    assert (row["current_grade"], row["eligible_grade"]) == ("L4", "L3")
    assert row["minimum_line_passed"] and row["quality_passed"]
    assert (row["deposits"], row["new_deposits"], row["customers_count"]) == (
        "38000000.00",
        "0.00",
        1,
    )
    l3 = next(grade for grade in row["grades"] if grade["code"] == "L3")
    assert l3["eligible"] and l3["criteria_met"] == ["deposits"]
    assert l3["indicators"]["deposits"] == "38000000.00"
    assert row["gap"]["grade_code"] == "L3" and row["gap"]["deposits"] == "0.00"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"action": "promotion_candidate"}, {"star"}),
        ({"eligible_grade": "L3"}, {"star"}),
        ({"eligible_grade": "none"}, {"am_a", "am_a1", "am_b"}),
        ({"unit": "sub_a"}, {"star", "am_a", "am_a1"}),
        ({"unit": "outlet_a1"}, {"am_a1"}),
        ({"manager": "am_b"}, {"am_b"}),
        ({}, {"star", "am_a", "am_a1", "am_b"}),
    ],
)
def test_result_filters(bank, star, whole_bank, api_client_for, params, expected):
    managers = {"star": star, "am_a": bank.am_a, "am_a1": bank.am_a1, "am_b": bank.am_b}
    units = {"sub_a": bank.sub_a, "outlet_a1": bank.outlet_a1}
    if "unit" in params:
        params = {"unit": units[params["unit"]].pk}
    if "manager" in params:
        params = {"manager": managers[params["manager"]].pk}
    rows = result_rows(api_client_for(bank.hr), whole_bank, **params)
    assert set(rows) == {managers[name].pk for name in expected}


def test_a_unit_head_sees_only_their_subtrees_results(bank, whole_bank, api_client_for):
    client = api_client_for(bank.head_b)
    assert set(result_rows(client, whole_bank)) == {bank.am_b.pk}
    response = client.get(results_url(whole_bank), {"unit": bank.sub_a.pk})
    assert response.status_code == 400 and "unit" in response.json()
    assert "城东" not in response.content.decode()


def test_an_account_manager_sees_only_their_own_result(bank, whole_bank, api_client_for):
    assert set(result_rows(api_client_for(bank.am_a_user), whole_bank)) == {bank.am_a.pk}


def test_an_unknown_action_is_400(bank, whole_bank, api_client_for):
    response = api_client_for(bank.hr).get(results_url(whole_bank), {"action": "fire"})
    assert response.status_code == 400 and "action" in response.json()


def test_results_query_count_is_constant(bank, graded, api_client_for, django_assert_num_queries):
    client = api_client_for(bank.head_a)
    evaluation = evaluate(2026, 3)
    with django_assert_num_queries(3) as before:  # the evaluation, the count, the page
        assert len(result_rows(client, evaluation)) == 2
    for deposits in (100, 1600, 3800, 6000):
        with_deposits(graded("L4", unit=bank.outlet_a1), deposits, bank.hr)
    evaluation = evaluate(2026, 3)
    with django_assert_num_queries(len(before.captured_queries)):
        assert len(result_rows(client, evaluation)) == 6


def test_evaluations_list_query_count_is_constant(bank, api_client_for, django_assert_num_queries):
    client = api_client_for(bank.hr)
    an_evaluation(2026, 1, by=bank.hr)
    an_evaluation(2026, 2, bank.sub_a, by=bank.admin)
    with django_assert_num_queries(2) as before:
        assert len(listed_periods(client)) == 2
    for quarter in (1, 2, 3, 4):
        an_evaluation(2025, quarter, bank.outlet_a1, by=bank.integration)
    with django_assert_num_queries(len(before.captured_queries)):
        assert len(listed_periods(client)) == 6


# --- Importing figures ------------------------------------------------------------------


@pytest.fixture
def customer(bank):
    return CustomerFactory(number="A001", unit=bank.sub_a)


def figure(month, deposit_avg, **values):
    return (
        {"customer_number": "A001", "month": month, "deposit_avg": deposit_avg}
        | {"loan_avg": 0}
        | values
    )


def csv_body(header: str, *rows: str) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


@pytest.mark.parametrize("wrapped", [False, True])
def test_figures_as_json_are_imported(bank, customer, api_client_for, wrapped):
    figures = [figure("2026-01", 5000000), figure("2026-02", "6000000.50", loan_class=2)]
    body = {"figures": figures} if wrapped else figures
    response = api_client_for(bank.integration).post(FIGURES, body, format="json")

    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["status"], data["rows_created"], data["rows_updated"]) == ("done", 2, 0)
    assert data["months"] == ["2026-01", "2026-02"] and len(data["checksum"]) == 64
    february = MonthlyFigure.objects.get(customer=customer, year=2026, month=2)
    assert (str(february.deposit_avg), february.loan_class) == ("6000000.50", 2)
    assert february.figure_import_id == data["id"]


@pytest.mark.parametrize(
    "header",
    [
        CSV_HEADER,
        "customer_number,month,deposit_avg,loan_avg,settlement_usd,loan_class,"
        "interest_arrears,overdue_days,advances",
    ],
)
def test_figures_as_csv_are_imported(bank, customer, api_client_for, header):
    body = csv_body(header, "A001,2026-03,1200000,0,0,正常,0,0,0")
    response = api_client_for(bank.hr).post(FIGURES, body, content_type="text/csv; charset=utf-8")

    assert response.status_code == 201, response.content
    assert response.json()["created_by"] == "hr"
    assert MonthlyFigure.objects.get(customer=customer, month=3).deposit_avg == 1200000


def test_a_bad_row_saves_nothing_and_names_row_and_column(bank, customer, api_client_for):
    body = csv_body(CSV_HEADER, "A001,2026-01,100,0,0,,0,0,0", "A001,2026-13,100,0,0,,0,0,0")
    client = api_client_for(bank.hr)
    response = client.post(FIGURES, body, content_type="text/csv")

    assert response.status_code == 400
    data = response.json()
    assert [(e["row"], e["column"]) for e in data["errors"]] == [(3, "月份")]
    assert not MonthlyFigure.objects.exists()
    record = client.get(f"{IMPORTS}{data['import']}/").json()
    assert record["status"] == "rejected" and record["errors"] == data["errors"]


def test_a_large_body_is_queued(bank, customer, api_client_for, settings):
    settings.FIGURE_IMPORT_SYNC_MAX_BYTES = 50
    client = api_client_for(bank.hr)
    body = [figure(f"2026-{month:02d}", 100) for month in JAN_SEP]
    response = client.post(FIGURES, body, format="json")

    assert response.status_code == 202, response.content
    status_url = response.json()["url"]
    assert client.get(status_url).json()["status"] == "queued"
    assert FigureImport.objects.get().status == ImportStatus.QUEUED
    assert not MonthlyFigure.objects.exists()  # the worker has not run


def test_a_unit_head_may_not_import(bank, customer, api_client_for):
    response = api_client_for(bank.head_a).post(FIGURES, [figure("2026-01", 1)], format="json")
    assert response.status_code == 403
    assert not FigureImport.objects.exists()


@pytest.mark.parametrize(
    ("body", "content_type", "code"),
    [(b"A001,2026-01", "text/plain", 415), (b"", "text/csv", 400)],
)
def test_unusable_bodies(bank, api_client_for, body, content_type, code):
    response = api_client_for(bank.hr).post(FIGURES, body, content_type=content_type)
    assert response.status_code == code
    assert not FigureImport.objects.exists()


def test_imports_are_seen_by_their_importer_and_administrators(bank, customer, api_client_for):
    hr = api_client_for(bank.hr)
    record_id = hr.post(FIGURES, [figure("2026-01", 1)], format="json").json()["id"]

    assert [row["id"] for row in hr.get(IMPORTS).json()["results"]] == [record_id]
    assert api_client_for(bank.admin).get(f"{IMPORTS}{record_id}/").status_code == 200
    integration = api_client_for(bank.integration)
    assert integration.get(f"{IMPORTS}{record_id}/").status_code == 404
    assert integration.get(IMPORTS).json()["count"] == 0


def test_a_body_over_the_file_limit_is_refused_unread(bank, api_client_for, monkeypatch):
    monkeypatch.setattr("performance.api.views.MAX_FILE_BYTES", 10)
    body = csv_body(CSV_HEADER, "A001,2026-01,1,0,0,,0,0,0")
    response = api_client_for(bank.hr).post(FIGURES, body, content_type="text/csv")
    assert response.status_code == 413 and "detail" in response.json()
    assert not FigureImport.objects.exists()
