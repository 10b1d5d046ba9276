"""Investigating a case (R-PRO): reported → investigating → confirmed / dismissed, each
step with who, when and a note, by compliance; a rule is needed to confirm. The reporter
can be kept confidential from the account manager's unit (head and AM), never from
compliance. Lists are scoped (404 outside) with constant query counts."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from compliance import case_services
from compliance.choices_cases import CaseStatus
from compliance.models import ViolationCase, ViolationStep
from tests.compliance.case_helpers import media_fixture, pdf, report, rules  # noqa: F401
from tests.factories import AccountManagerFactory, CustomerFactory

API = "/api/v1/violations/"


def advance(bank, case, to_status, note="调查中", **extra):
    return case_services.case_advance(
        actor=bank.compliance, case=case, to_status=to_status, note=note, **extra
    )


def test_compliance_investigates_then_confirms_with_a_note_at_each_step(bank):
    case = report(bank)
    advance(bank, case, CaseStatus.INVESTIGATING, "已调阅监控")
    case = advance(bank, case, CaseStatus.CONFIRMED, "事实清楚", rules=rules("R-PRO-6", "R-PRO-3"))
    assert case.status == CaseStatus.CONFIRMED
    steps = list(case.steps.values_list("from_status", "to_status", "actor__username", "note"))
    assert steps == [
        ("", "reported", "officer_a", "已举报。"),  # in the default language
        ("reported", "investigating", "compliance", "已调阅监控"),
        ("investigating", "confirmed", "compliance", "事实清楚"),
    ]
    assert sorted(case.rules.values_list("code", flat=True)) == ["R-PRO-3", "R-PRO-6"]


def test_confirming_without_a_rule_is_a_clear_error(bank):
    case = report(bank, rules=[])
    advance(bank, case, CaseStatus.INVESTIGATING)
    steps = ViolationStep.objects.count()
    with pytest.raises(ValidationError) as error:
        advance(bank, case, CaseStatus.CONFIRMED, "事实清楚")
    assert "rules" in error.value.message_dict
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATING and ViolationStep.objects.count() == steps
    advance(bank, case, CaseStatus.DISMISSED, "不属实")  # dismissing needs no rule


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ((), CaseStatus.CONFIRMED),
        ((CaseStatus.INVESTIGATING, CaseStatus.DISMISSED), "investigating"),
    ],
)
def test_a_case_moves_only_forward_one_step(bank, path, refused):
    case = report(bank)
    for to_status in path:
        case = advance(bank, case, to_status)
    with pytest.raises(ValidationError) as error:
        advance(bank, case, refused)
    assert "to_status" in error.value.message_dict


def test_a_step_needs_a_note(bank):
    case = report(bank)
    with pytest.raises(ValidationError) as error:
        advance(bank, case, CaseStatus.INVESTIGATING, note="  ")
    assert "note" in error.value.message_dict


@pytest.mark.parametrize("who", ["head_a", "hr", "officer_a", "am_a_user"])
def test_only_compliance_investigates(bank, who):
    case = report(bank)
    with pytest.raises(PermissionDenied):
        case_services.case_advance(
            actor=getattr(bank, who), case=case, to_status=CaseStatus.INVESTIGATING, note="x"
        )


def _reporter_cell(client, case) -> str:
    page = client.get(reverse("violation-detail", args=[case.pk]))
    assert page.status_code == 200
    return page.content.decode()


def test_a_confidential_reporter_is_hidden_from_the_managers_unit(client, bank):
    case = report(bank, reporter=bank.officer_a, confidential=True)
    advance(bank, case, CaseStatus.INVESTIGATING, "约谈")
    advance(bank, case, CaseStatus.CONFIRMED, "属实")
    reporter = bank.officer_a.get_full_name()
    client.force_login(bank.head_a)
    assert reporter not in _reporter_cell(client, case)
    client.force_login(bank.am_a_user)  # the AM sees the decided case, not who reported it
    assert reporter not in _reporter_cell(client, case)
    for who in (bank.compliance, bank.officer_a):
        client.force_login(who)
        assert reporter in _reporter_cell(client, case)


def test_the_api_hides_a_confidential_reporter_too(bank, api_client_for):
    case = report(bank, confidential=True)
    head = api_client_for(bank.head_a).get(f"{API}{case.pk}/").json()
    assert head["reporter"] is None and head["reporter_name"] is None
    assert head["steps"][0]["actor_name"] is None
    officer = api_client_for(bank.compliance).get(f"{API}{case.pk}/").json()
    assert officer["reporter"] == bank.officer_a.pk
    assert officer["steps"][0]["actor_name"] == bank.officer_a.get_full_name()
    listed = api_client_for(bank.head_a).get(API).json()["results"][0]
    assert listed["reporter"] is None


def test_cases_are_scoped(client, bank):
    ours = report(bank)
    theirs = report(bank, reporter=bank.head_b, manager=bank.am_b)
    client.force_login(bank.head_b)
    assert [c.pk for c in client.get(reverse("violation-list")).context["page"]] == [theirs.pk]
    assert client.get(reverse("violation-detail", args=[ours.pk])).status_code == 404
    client.force_login(bank.compliance)
    assert client.get(reverse("violation-list")).context["page"].paginator.count == 2


def test_the_account_manager_sees_cases_about_them_once_decided(client, bank):
    case = report(bank)
    client.force_login(bank.am_a_user)
    assert client.get(reverse("violation-detail", args=[case.pk])).status_code == 404
    advance(bank, case, CaseStatus.INVESTIGATING)
    advance(bank, case, CaseStatus.DISMISSED, "不属实")
    assert client.get(reverse("violation-detail", args=[case.pk])).status_code == 200


def test_the_reporter_follows_their_own_report(client, bank):
    case = report(bank, reporter=bank.am_b_user, manager=bank.am_b)
    client.force_login(bank.am_b_user)
    assert client.get(reverse("violation-detail", args=[case.pk])).status_code == 200


def test_the_pages_advance_a_case_and_show_errors(client, bank):
    case = report(bank, rules=[])
    client.force_login(bank.compliance)
    url = reverse("violation-advance", args=[case.pk])
    client.post(url, {"step-to_status": "investigating", "step-note": "调查"})
    response = client.post(url, {"step-to_status": "confirmed", "step-note": "属实"})
    assert response.status_code == 200 and "error-rules" in response.content.decode()
    rule = rules("R-PRO-6")[0]
    response = client.post(
        url, {"step-to_status": "confirmed", "step-note": "属实", "step-rules": [rule.pk]}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CONFIRMED
    other = report(bank)
    client.force_login(bank.head_a)
    refused = client.post(
        reverse("violation-advance", args=[other.pk]),
        {"step-to_status": "investigating", "step-note": "x"},
    )
    assert refused.status_code == 403


def test_evidence_is_added_and_served_only_to_those_who_may(client, bank, media):
    case = report(bank, confidential=True, files=[pdf("first.pdf")])
    client.force_login(bank.compliance)
    response = client.post(
        reverse("violation-evidence", args=[case.pk]), {"evidence-evidence": [pdf("second.pdf")]}
    )
    assert response.status_code == 302 and case.evidence.count() == 2
    first = case.evidence.get(name="first.pdf")
    url = reverse("evidence-download", args=[first.pk])
    download = client.get(url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    client.force_login(bank.officer_a)  # the uploader
    assert client.get(url).status_code == 200
    client.force_login(bank.head_a)
    assert client.get(url).status_code == 404
    client.force_login(bank.head_b)
    assert client.get(url).status_code == 404


def test_the_case_list_keeps_its_query_count(client, bank, django_assert_max_num_queries):
    def add_case(manager):
        case = report(bank, reporter=bank.compliance, manager=manager)
        case.customers.set([CustomerFactory(unit=manager.unit), CustomerFactory(unit=manager.unit)])

    add_case(bank.am_a)
    client.force_login(bank.compliance)
    with django_assert_max_num_queries(20) as before:
        client.get(reverse("violation-list"))
    for _ in range(6):
        add_case(AccountManagerFactory(unit=bank.sub_b))
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert len(client.get(reverse("violation-list")).context["rows"]) == 7


def test_the_case_api_keeps_its_query_count_and_filters(
    bank, api_client_for, django_assert_max_num_queries
):
    client = api_client_for(bank.compliance)
    report(
        bank, reporter=bank.compliance, customer_numbers=[CustomerFactory(unit=bank.sub_a).number]
    )
    with django_assert_max_num_queries(10) as before:
        client.get(API)
    for _ in range(5):
        report(
            bank,
            reporter=bank.compliance,
            manager=AccountManagerFactory(unit=bank.sub_b),
            rules=rules("R-PRO-8", "R-PRO-9"),
        )
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(API).json()["count"] == 6
    assert client.get(API, {"rule": rules("R-PRO-8")[0].pk}).json()["count"] == 5
    assert client.get(API, {"unit": bank.sub_a.pk}).json()["count"] == 1
    assert client.get(API, {"status": "confirmed"}).json()["count"] == 0
    assert client.get(API, {"manager": bank.am_b.pk}).json()["count"] == 0
    head = api_client_for(bank.head_b)
    assert head.get(API, {"manager": bank.am_a.pk}).status_code == 400  # not in B's dropdown


def test_the_api_advances_a_case(bank, api_client_for):
    case = report(bank, rules=[])
    client = api_client_for(bank.compliance)
    url = f"{API}{case.pk}/advance/"
    assert client.post(url, {"to_status": "investigating", "note": "调查"}).status_code == 200
    refused = client.post(url, {"to_status": "confirmed", "note": "属实"})
    assert refused.status_code == 400 and "rules" in refused.json()
    done = client.post(url, {"to_status": "confirmed", "note": "属实", "rules": ["R-PRO-6"]})
    assert done.status_code == 200 and done.json()["status"] == "confirmed"
    assert len(done.json()["steps"]) == 3
    assert (
        api_client_for(bank.head_a).post(url, {"to_status": "dismissed", "note": "x"}).status_code
        == 403
    )
    assert api_client_for(bank.head_b).get(f"{API}{case.pk}/").status_code == 404
    assert ViolationCase.objects.get().occurred_on == date(2026, 10, 20)
