"""The disciplinary actions pages and API (R-DIS-1…3): proposals to confirm or waive by
role, an account manager's own record, scoping (404 outside), constant query counts."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from compliance import discipline_services as services
from compliance.choices_cases import ActionStatus, DisciplineKind, Trigger
from compliance.models import DisciplinaryAction
from tests.factories import AccountManagerFactory, CustomerFactory

API = "/api/v1/disciplinary-actions/"


def detected(manager, kind=DisciplineKind.YELLOW_CARD, key="2026", **fields):
    """A proposal as detection writes it."""
    return DisciplinaryAction.objects.create(
        manager=manager,
        kind=kind,
        trigger=Trigger.BELOW_MINIMUM_LINE,
        trigger_key=key,
        facts={"period": "2026Q3", "line_deposits": "14000000.00"},
        **fields,
    )


@pytest.fixture
def actions(bank):
    return {
        "card": detected(bank.am_a),
        "exit": detected(bank.am_a1, DisciplineKind.EXIT, key="x"),
        "b": detected(bank.am_b),
    }


def test_the_list_shows_proposals_with_their_facts_and_decisions_by_role(client, bank, actions):
    client.force_login(bank.compliance)
    page = client.get(reverse("discipline-list"))
    assert page.status_code == 200
    rows = {action.pk: (text, may) for action, text, may in page.context["rows"]}
    assert rows[actions["card"].pk][1] and not rows[actions["exit"].pk][1]
    assert "1,400.00" in rows[actions["card"].pk][0]  # 万元 of the minimum line
    client.force_login(bank.hr)
    rows = {
        action.pk: may
        for action, _text, may in client.get(reverse("discipline-list")).context["rows"]
    }
    assert rows[actions["exit"].pk] and not rows[actions["card"].pk]


def test_confirm_and_waive_through_the_page(client, bank, actions):
    client.force_login(bank.compliance)
    url = reverse("discipline-decide", args=[actions["card"].pk])
    client.post(url, {"decision": "waive", "note": ""})
    actions["card"].refresh_from_db()
    assert actions["card"].status == ActionStatus.PROPOSED  # a note is needed to waive
    client.post(url, {"decision": "confirm", "start_date": "2026-11-02", "note": "属实"})
    actions["card"].refresh_from_db()
    assert (actions["card"].status, actions["card"].start_date) == (
        ActionStatus.CONFIRMED,
        date(2026, 11, 2),
    )
    client.force_login(bank.head_a)
    assert client.post(reverse("discipline-decide", args=[actions["b"].pk])).status_code == 403


def test_the_list_is_scoped_and_closed_to_account_managers(client, bank, actions):
    client.force_login(bank.head_b)
    assert [a.pk for a in client.get(reverse("discipline-list")).context["page"]] == [
        actions["b"].pk
    ]
    client.force_login(bank.am_a_user)
    assert client.get(reverse("discipline-list")).status_code == 403


def test_an_account_manager_sees_only_what_was_confirmed_against_them(client, bank, actions):
    client.force_login(bank.am_a_user)
    assert client.get(reverse("my-discipline")).context["rows"] == []
    today = timezone.localdate()
    services.action_confirm(actor=bank.compliance, action=actions["card"], start_date=today)
    admonishment = detected(bank.am_a, DisciplineKind.ADMONISHMENT, key="adm")
    services.action_confirm(
        actor=bank.compliance, action=admonishment, start_date=today - timedelta(days=3)
    )
    page = client.get(reverse("my-discipline"))
    assert len(page.context["rows"]) == 2
    assert page.context["admonishment"].pk == admonishment.pk
    assert "50%" in page.content.decode()


def test_recording_from_a_page(client, bank):
    client.force_login(bank.compliance)
    response = client.post(
        reverse("discipline-record"),
        {"manager": bank.am_b.pk, "kind": "yellow_card", "reason": "连续两个季度未完成目标"},
    )
    assert response.status_code == 302
    action = DisciplinaryAction.objects.get()
    assert (action.trigger, action.proposed_by) == (Trigger.MANUAL, bank.compliance)
    client.force_login(bank.head_a)
    assert client.get(reverse("discipline-record")).status_code == 403


def test_the_page_keeps_its_query_count(client, bank, actions, django_assert_max_num_queries):
    customer = CustomerFactory(unit=bank.sub_a)
    DisciplinaryAction.objects.create(
        manager=bank.am_a,
        kind=DisciplineKind.ADMONISHMENT,
        trigger=Trigger.CREDIT_CUSTOMER,
        trigger_key="c",
        customer=customer,
        facts={"months": ["2026-03"], "reasons": ["overdue"], "overdue_days": 40},
    )
    client.force_login(bank.compliance)
    with django_assert_max_num_queries(20) as before:
        client.get(reverse("discipline-list"))
    for index in range(8):
        detected(AccountManagerFactory(unit=bank.sub_b), key=str(index))
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert len(client.get(reverse("discipline-list")).context["rows"]) == 12


def test_the_api_keeps_its_query_count_filters_and_decides(
    bank, actions, api_client_for, django_assert_max_num_queries
):
    client = api_client_for(bank.compliance)
    with django_assert_max_num_queries(10) as before:
        client.get(API)
    for index in range(6):
        detected(AccountManagerFactory(unit=bank.sub_b), key=str(index))
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(API).json()["count"] == 9
    assert client.get(API, {"kind": "exit"}).json()["count"] == 1
    assert client.get(API, {"unit": bank.sub_a.pk}).json()["count"] == 2
    row = client.get(f"{API}{actions['card'].pk}/").json()
    assert row["description"] and row["trigger"] == "below_minimum_line"

    confirm = client.post(f"{API}{actions['card'].pk}/confirm/", {"start_date": "2026-11-02"})
    assert confirm.status_code == 200 and confirm.json()["status"] == "confirmed"
    assert client.get(API, {"in_force_on": "2026-11-03"}).json()["count"] == 1
    assert client.post(f"{API}{actions['b'].pk}/waive/", {}).status_code == 400
    assert client.post(f"{API}{actions['exit'].pk}/waive/", {"note": "x"}).status_code == 403
    assert api_client_for(bank.head_b).get(f"{API}{actions['card'].pk}/").status_code == 404
    created = client.post(API, {"manager": bank.am_b.pk, "kind": "yellow_card", "reason": "x"})
    assert created.status_code == 201 and created.json()["proposed_by"] == bank.compliance.pk
    outside = api_client_for(bank.head_b).post(
        API, {"manager": bank.am_a.pk, "kind": "yellow_card", "reason": "x"}
    )
    assert outside.status_code in (400, 403)


def test_the_api_shows_an_account_manager_only_their_confirmed_actions(
    bank, actions, api_client_for
):
    client = api_client_for(bank.am_a_user)
    assert client.get(API).json()["count"] == 0
    services.action_confirm(
        actor=bank.compliance, action=actions["card"], start_date=date(2026, 11, 2)
    )
    listed = client.get(API).json()
    assert [row["id"] for row in listed["results"]] == [actions["card"].pk]


def test_my_record_keeps_its_query_count(client, bank, django_assert_max_num_queries):
    client.force_login(bank.am_a_user)
    today = timezone.localdate()
    first = detected(bank.am_a, key="first")
    services.action_confirm(actor=bank.compliance, action=first, start_date=today)
    with django_assert_max_num_queries(15) as before:
        client.get(reverse("my-discipline"))
    for index in range(5):
        action = detected(bank.am_a, DisciplineKind.ADMONISHMENT, key=f"a{index}")
        services.action_confirm(actor=bank.compliance, action=action, start_date=today)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert len(client.get(reverse("my-discipline")).context["rows"]) == 6
