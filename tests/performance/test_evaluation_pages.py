"""Evaluation pages (R-ELG-5): HR runs an evaluation and reads its results; everyone reads
only their scope; an account manager reads their own indicators page (R-ELG-1…4)."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from performance.evaluations import STAGE_SUMS, evaluation_run
from performance.figure_rollups import rollup_all
from performance.models import Evaluation, EvaluationStatus
from tests.factories import AccountManagerFactory, CustomerFactory, appoint
from tests.performance.helpers import evaluate, held, monthly

JAN_SEP = range(1, 10)


def login(client, user):
    client.force_login(user)
    return client


def holding(manager, unit, deposit_wan, by):
    """`manager` holds one customer of `unit` with these deposits Jan–Sep 2026 and the same
    all of last year (so new deposits, R-ELG-1 d, stay at zero)."""
    customer = CustomerFactory(unit=unit)
    monthly(customer, 2026, JAN_SEP, deposit_wan=deposit_wan)
    monthly(customer, 2025, range(1, 13), deposit_wan=deposit_wan)
    held(customer, manager, by)


@pytest.fixture
def figures(bank, levels):
    """am_a: an L4 with 3,800万 → eligible L3, a promotion candidate (R-ELG-2).
    am_b: an L4 with 1,600万 → eligible L4, keep. am_a1: no grade, no figures → below the
    minimum line (R-ELG-4)."""
    for manager, head in ((bank.am_a, bank.head_a), (bank.am_b, bank.head_b)):
        appoint(manager, levels["L4"], start=date(2025, 1, 1), proposer=head, approver=bank.hr)
    holding(bank.am_a, bank.sub_a, 3800, bank.hr)
    holding(bank.am_b, bank.sub_b, 1600, bank.hr)
    return bank


@pytest.fixture
def evaluated(figures):
    return evaluate(2026, 3)


def row_of(body: str, manager) -> str:
    match = re.search(rf'<tr data-testid="result-{manager.employee_number}">(.*?)</tr>', body, re.S)
    assert match, f"no row for {manager.name}"
    return match.group(1)


def listed(response) -> set[str]:
    return {result.manager.name for result in response.context["page"]}


def test_hr_runs_an_evaluation_from_the_page(client, figures, django_capture_on_commit_callbacks):
    login(client, figures.hr)
    form = client.get(reverse("evaluation-list")).context["form"]
    assert form["period"].value() == "2026Q3"  # the quarter before today's

    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(reverse("evaluation-list"), {"period": "2026Q3", "unit": ""})
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("evaluation-detail", args=[evaluation.pk])
    assert (evaluation.status, evaluation.unit) == (EvaluationStatus.QUEUED, figures.branch)
    assert len(queued) == 1  # the task, sent once the request commits

    rollup_all([2025, 2026])
    evaluation_run(evaluation)  # what the worker does
    body = client.get(response.url).content.decode()
    row = row_of(body, figures.am_a)
    assert "三级客户经理" in row and 'data-action="promotion_candidate"' in row
    assert "3,800.00" in row
    listing = client.get(reverse("evaluation-list")).content.decode()
    assert "2026Q3" in listing and "江南分行" in listing


@pytest.mark.parametrize("period", ["2026Q5", "2027Q1"], ids=["format", "future"])
def test_a_refused_request_shows_why_on_the_form(client, bank, period):
    response = login(client, bank.hr).post(reverse("evaluation-list"), {"period": period})
    assert response.status_code == 200
    assert response.context["form"].errors["period"]
    assert 'data-testid="error-period"' in response.content.decode()
    assert not Evaluation.objects.exists()


def test_only_evaluators_may_run_and_account_managers_have_no_list(client, bank):
    login(client, bank.head_a)
    assert client.get(reverse("evaluation-list")).context["form"] is None
    assert client.post(reverse("evaluation-list"), {"period": "2026Q3"}).status_code == 403
    assert not Evaluation.objects.exists()
    assert login(client, bank.am_a_user).get(reverse("evaluation-list")).status_code == 403


def test_detail_shows_each_managers_eligible_grade_action_and_counts(client, evaluated, bank):
    response = login(client, bank.hr).get(reverse("evaluation-detail", args=[evaluated.pk]))
    body = response.content.decode()
    assert 'data-action="keep"' in row_of(body, bank.am_b)
    assert "四级客户经理" in row_of(body, bank.am_b)
    assert 'data-action="below_minimum_line"' in row_of(body, bank.am_a1)
    counts = {action: count for action, _label, count in response.context["action_counts"]}
    assert counts == {
        "promotion_candidate": 1,
        "keep": 1,
        "demotion_risk": 0,
        "below_minimum_line": 1,
    }
    assert 'data-testid="count-promotion_candidate">1<' in body


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"action": "promotion_candidate"}, {"甲经理"}),
        ({"eligible_grade": "L4"}, {"乙经理"}),
        ({"eligible_grade": "none"}, {"网点经理"}),
        ({"q": "乙"}, {"乙经理"}),
        ({"unit": "sub_a"}, {"甲经理", "网点经理"}),
    ],
)
def test_results_filter(client, evaluated, bank, params, expected):
    if "unit" in params:
        params = {"unit": getattr(bank, params["unit"]).pk}
    url = reverse("evaluation-detail", args=[evaluated.pk])
    assert listed(login(client, bank.hr).get(url, params)) == expected


def test_a_unit_head_sees_only_their_subtree(client, evaluated, bank):
    login(client, bank.head_b)
    response = client.get(reverse("evaluation-detail", args=[evaluated.pk]))
    assert listed(response) == {"乙经理"} and "甲经理" not in response.content.decode()
    assert client.get(reverse("manager-indicators", args=[bank.am_a.pk])).status_code == 404
    sub_a_only = evaluate(2026, 3, unit=bank.sub_a)
    assert client.get(reverse("evaluation-detail", args=[sub_a_only.pk])).status_code == 404
    assert client.get(reverse("evaluation-progress", args=[sub_a_only.pk])).status_code == 404


def test_an_account_manager_reads_their_own_indicators_only(client, evaluated, bank):
    login(client, bank.am_a_user)
    response = client.get(reverse("my-indicators"))
    body = response.content.decode()
    assert response.context["result"].eligible_grade_code == "L3"
    assert "三级客户经理" in body and 'data-action="promotion_candidate"' in body
    l3 = re.search(r'data-testid="grade-L3">(.*?)</table>', body, re.S).group(1)
    assert "3,800.00" in l3  # the threshold and the figure
    assert client.get(reverse("manager-indicators", args=[bank.am_a.pk])).status_code == 200
    assert client.get(reverse("manager-indicators", args=[bank.am_b.pk])).status_code == 404
    assert login(client, bank.hr).get(reverse("my-indicators")).status_code == 404


def test_indicators_show_the_gap_the_minimum_line_and_the_grades(client, evaluated, bank):
    """am_b (L4, 1,600万): L3 needs 3,800万 of deposits, so 2,200万 are still missing."""
    url = reverse("manager-indicators", args=[bank.am_b.pk])
    response = login(client, bank.head_b).get(url)
    body = response.content.decode()
    grades = response.context["grades"]
    assert [grade.criteria.code for grade in grades] == [
        "senior",
        "L1",
        "L2",
        "L3",
        "L4",
        "trainee",
    ]
    l4 = next(grade for grade in grades if grade.criteria.code == "L4")
    assert l4.result.eligible and len(l4.result.criteria_met) == 1
    gap = re.search(r'data-testid="gap">(.*?)</table>', body, re.S).group(1)
    assert "2,200.00" in gap
    line = re.search(r'data-testid="minimum-line">(.*?)</p>', body, re.S).group(1)
    assert "1,600.00" in line and "1,500.00" in line and "✓" in line


def test_another_period_is_picked_from_the_selector(client, evaluated, bank):
    earlier = evaluate(2026, 2)
    login(client, bank.am_a_user)
    latest = client.get(reverse("my-indicators"))
    assert latest.context["result"].evaluation == evaluated
    assert [r.evaluation.period for r in latest.context["results"]] == ["2026Q3", "2026Q2"]
    picked = client.get(reverse("my-indicators"), {"evaluation": earlier.pk})
    assert picked.context["result"].evaluation == earlier
    other = evaluate(2026, 1, unit=bank.sub_b)  # not one of am_a's
    assert client.get(reverse("my-indicators"), {"evaluation": other.pk}).status_code == 404


def test_no_evaluation_yet_is_said_plainly(client, bank):
    body = login(client, bank.am_a_user).get(reverse("my-indicators")).content.decode()
    assert 'data-testid="no-evaluation"' in body


def test_progress_polls_while_running_and_stops_when_done(client, figures):
    evaluation = Evaluation.objects.create(
        year=2026,
        quarter=3,
        status=EvaluationStatus.RUNNING,
        progress=10,
        stage=STAGE_SUMS,
        requested_at=timezone.now(),
    )
    login(client, figures.hr)
    url = reverse("evaluation-progress", args=[evaluation.pk])
    body = client.get(url).content.decode()
    with translation.override("zh-hans"):
        assert translation.gettext(STAGE_SUMS) in body
    assert 'hx-trigger="every 1s"' in body and f'hx-get="{url}"' in body
    assert 'style="width: 10%"' in body
    detail = client.get(reverse("evaluation-detail", args=[evaluation.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in detail and 'data-testid="result-table"' not in detail

    evaluate(2026, 3)
    finished = client.get(url, HTTP_HX_REQUEST="true")
    assert "hx-trigger" not in finished.content.decode()
    assert finished["HX-Refresh"] == "true"  # the page reloads to show the results


def test_a_failed_evaluation_shows_its_error(client, bank):
    evaluation = Evaluation.objects.create(
        year=2026,
        quarter=3,
        status=EvaluationStatus.FAILED,
        error="figures missing",
        requested_at=timezone.now(),
    )
    body = (
        login(client, bank.hr)
        .get(reverse("evaluation-detail", args=[evaluation.pk]))
        .content.decode()
    )
    assert 'data-testid="evaluation-error"' in body and "figures missing" in body
    assert "hx-trigger" not in body


def test_results_page_query_count_is_constant(client, figures, levels):
    def queries() -> int:
        evaluation = evaluate(2026, 3)
        login(client, figures.hr)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("evaluation-detail", args=[evaluation.pk]))
        assert response.status_code == 200
        return len(captured.captured_queries), len(response.context["page"])

    few = queries()
    for _ in range(4):
        manager = AccountManagerFactory(unit=figures.sub_b)
        appoint(
            manager,
            levels["L4"],
            start=date(2025, 1, 1),
            proposer=figures.head_b,
            approver=figures.hr,
        )
        holding(manager, figures.sub_b, 2000, figures.hr)
    many = queries()
    assert (few[1], many[1]) == (3, 7) and few[0] == many[0]
