"""R-VIS-1 visits: an account manager logs visits to their own customers (never in the
future); heads read their subtree's; customers whose tier's visit interval has passed are
listed as due, set-based."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from customers import visit_services
from customers.models import Visit, VisitFrequency
from customers.visit_selectors import customers_due_for_visit, days_overdue
from tests.customers.helpers import at, hold
from tests.factories import AccountManagerFactory, CustomerFactory, UserFactory

VISITS = "/api/v1/visits/"


@pytest.fixture
def held(bank):
    """One customer held by the account manager of sub-branch A, one by B's, and one in A
    that A's account manager does not hold."""
    return SimpleNamespace(
        a=hold(CustomerFactory(name="东城制造", unit=bank.sub_a), bank.am_a, bank.head_a),
        b=hold(CustomerFactory(name="西城贸易", unit=bank.sub_b), bank.am_b, bank.head_b),
        unheld=CustomerFactory(name="东城物流", unit=bank.sub_a),
    )


def log_visit(user, customer, *, visited_at, method="on_site", **extra):
    return visit_services.visit_create(
        actor=user,
        customer=customer,
        method=method,
        visited_at=visited_at,
        person_met="王总",
        purpose="了解融资需求",
        outcome="客户有扩产计划",
        **extra,
    )


def form_data(customer, **overrides) -> dict:
    return {
        "customer": customer.pk,
        "method": "on_site",
        "person_met": "王总",
        "person_department": "财务部",
        "person_position": "财务总监",
        "purpose": "了解年度融资需求",
        "outcome": "客户计划扩产，需流动资金贷款",
        "next_steps": "下周提交授信材料",
    } | overrides


def login(client, user):
    client.force_login(user)
    return client


# --- logging a visit -------------------------------------------------------------------------


def test_account_manager_logs_a_visit_in_one_form(client, bank, held):
    login(client, bank.am_a_user)
    form = client.get(reverse("visit-create")).context["form"]
    assert list(form.fields["customer"].queryset) == [held.a]  # only the customers they hold
    assert form["visited_at"].value() is not None  # prefilled with now
    response = client.post(reverse("visit-create"), form_data(held.a, method="phone"))
    assert response.status_code == 302 and response["Location"] == reverse("visit-list")
    visit = Visit.objects.get()
    assert (visit.manager, visit.customer, visit.method) == (bank.am_a, held.a, "phone")
    assert (visit.person_department, visit.person_position) == ("财务部", "财务总监")
    assert abs(visit.visited_at - timezone.now()) < timedelta(seconds=30)
    assert visit.history.get().history_user == bank.am_a_user
    body = client.get(reverse("visit-list")).content.decode()
    assert "东城制造" in body and "客户计划扩产" in body


def test_visit_in_the_past_keeps_its_time(client, bank, held):
    login(client, bank.am_a_user)
    client.post(reverse("visit-create"), form_data(held.a, visited_at="2026-01-05T15:30"))
    assert Visit.objects.get().visited_at == at(date(2026, 1, 5), 15, 30)


def test_future_visit_is_refused_with_a_field_error_and_nothing_saved(client, bank, held):
    login(client, bank.am_a_user)
    tomorrow = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("visit-create"), form_data(held.a, visited_at=tomorrow))
    assert response.status_code == 200
    assert response.context["form"].errors["visited_at"]
    assert 'data-testid="error-visited_at"' in response.content.decode()
    assert not Visit.objects.exists()


@pytest.mark.parametrize("customer_attr", ["b", "unheld"])
def test_visit_to_a_customer_one_does_not_hold_is_refused(client, bank, held, customer_attr):
    login(client, bank.am_a_user)
    response = client.post(reverse("visit-create"), form_data(getattr(held, customer_attr)))
    assert response.status_code == 200 and response.context["form"].errors["customer"]
    assert not Visit.objects.exists()


def test_missing_required_answers_are_field_errors(client, bank, held):
    login(client, bank.am_a_user)
    data = form_data(held.a, person_met="", outcome="", method="fax")
    response = client.post(reverse("visit-create"), data)
    assert {"person_met", "outcome", "method"} <= set(response.context["form"].errors)
    assert not Visit.objects.exists()


@pytest.mark.parametrize("user_attr", ["head_a", "hr", "compliance", "admin"])
def test_only_account_managers_log_visits(client, bank, held, user_attr):
    login(client, getattr(bank, user_attr))
    assert client.get(reverse("visit-create")).status_code == 403
    assert client.post(reverse("visit-create"), form_data(held.a)).status_code == 403
    assert not Visit.objects.exists()


def test_visit_during_an_open_outing(client, bank, held):
    now = timezone.now()
    outing = visit_services.outing_register(
        actor=bank.am_a_user,
        destination="东城工业园",
        purpose="走访",
        left_at=now - timedelta(hours=1),
        expected_return_at=now + timedelta(hours=2),
        customer=held.a,
    )
    login(client, bank.am_a_user)
    form = client.get(reverse("visit-create"), {"outing": outing.pk, "customer": held.a.pk})
    assert form.context["form"]["outing"].value() == str(outing.pk)
    client.post(reverse("visit-create"), form_data(held.a, outing=outing.pk))
    assert Visit.objects.get().outing == outing


def test_a_closed_outing_or_another_managers_outing_cannot_be_linked(bank, held, api_client_for):
    day = timezone.localdate() - timedelta(days=1)
    closed = visit_services.outing_register(
        actor=bank.am_a_user,
        destination="甲",
        purpose="走访",
        left_at=at(day, 9),
        expected_return_at=at(day, 11),
    )
    visit_services.outing_return(actor=bank.am_a_user, outing=closed, returned_at=at(day, 10))
    theirs = visit_services.outing_register(
        actor=bank.am_b_user,
        destination="乙",
        purpose="走访",
        left_at=at(day, 9),
        expected_return_at=at(day, 23),
    )
    client = api_client_for(bank.am_a_user)
    for outing in (closed, theirs):
        payload = api_payload(held.a, outing=outing.pk, visited_at=at(day, 9, 30).isoformat())
        response = client.post(VISITS, payload)
        assert response.status_code == 400 and "outing" in response.json()
    assert not Visit.objects.exists()


# --- reading: scoped and filtered ------------------------------------------------------------


@pytest.fixture
def visits(bank, held):
    day = date(2026, 2, 10)
    return SimpleNamespace(
        a_site=log_visit(bank.am_a_user, held.a, visited_at=at(day, 10), method="on_site"),
        a_phone=log_visit(
            bank.am_a_user, held.a, visited_at=at(day + timedelta(days=5), 9), method="phone"
        ),
        b_site=log_visit(bank.am_b_user, held.b, visited_at=at(day, 11), method="on_site"),
    )


def customers_of(page) -> list[str]:
    return [visit.customer.name for visit in page]


@pytest.mark.parametrize(
    ("user_attr", "expected"),
    [
        ("head_a", ["东城制造", "东城制造"]),
        ("am_a_user", ["东城制造", "东城制造"]),
        ("head_b", ["西城贸易"]),
        ("am_b_user", ["西城贸易"]),
        ("hr", ["东城制造", "西城贸易", "东城制造"]),
    ],
)
def test_visit_list_is_scoped_newest_first(client, bank, visits, user_attr, expected):
    page = login(client, getattr(bank, user_attr)).get(reverse("visit-list")).context["page"]
    assert customers_of(page) == expected


def test_credit_officer_does_not_see_visits(client, bank, visits):
    assert login(client, bank.officer_a).get(reverse("visit-list")).status_code == 403


def test_manager_dropdown_lists_only_the_subtree(client, bank, visits):
    form = login(client, bank.head_a).get(reverse("visit-list")).context["filter"].form
    assert set(form.fields["manager"].queryset) == {bank.am_a, bank.am_a1}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"method": "phone"}, {"a_phone"}),
        ({"date_from": "2026-02-11"}, {"a_phone"}),
        ({"date_to": "2026-02-10"}, {"a_site", "b_site"}),
        ({"unit": "sub_b"}, {"b_site"}),
        ({"manager": "am_a"}, {"a_site", "a_phone"}),
        ({"customer": "b"}, {"b_site"}),
        ({"q": "西城"}, {"b_site"}),
    ],
)
def test_visit_filters_on_page_and_api(
    client, bank, held, visits, api_client_for, params, expected
):
    names = {"sub_b": bank.sub_b.pk, "am_a": bank.am_a.pk, "b": held.b.pk}
    params = {key: names.get(value, value) for key, value in params.items()}
    wanted = {getattr(visits, name).pk for name in expected}
    page = login(client, bank.hr).get(reverse("visit-list"), params).context["page"]
    assert {visit.pk for visit in page} == wanted
    rows = api_client_for(bank.hr).get(VISITS, params).json()["results"]
    assert {row["id"] for row in rows} == wanted


def test_filtering_by_another_branchs_customer_shows_no_rows(client, bank, held, visits):
    response = login(client, bank.head_a).get(reverse("visit-list"), {"customer": held.b.pk})
    assert list(response.context["page"]) == []
    assert response.context["filter"].errors["customer"]
    assert "西城" not in response.content.decode()


# --- API -------------------------------------------------------------------------------------


def api_payload(customer, **overrides) -> dict:
    return {
        "customer": customer.pk,
        "method": "online",
        "person_met": "李经理",
        "purpose": "推介网银",
        "outcome": "同意开通",
    } | overrides


def test_api_creates_for_the_requesting_manager(bank, held, api_client_for):
    payload = api_payload(held.a, manager=bank.am_b.pk)
    response = api_client_for(bank.am_a_user).post(VISITS, payload)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["manager"], body["manager_name"], body["customer_name"]) == (
        bank.am_a.pk,
        "甲经理",
        "东城制造",
    )
    assert Visit.objects.get().manager == bank.am_a


def test_api_future_visit_is_400_on_visited_at(bank, held, api_client_for):
    future = (timezone.now() + timedelta(minutes=5)).isoformat()
    response = api_client_for(bank.am_a_user).post(VISITS, api_payload(held.a, visited_at=future))
    assert response.status_code == 400 and "visited_at" in response.json()
    assert not Visit.objects.exists()


def test_api_customer_outside_scope_is_400(bank, held, api_client_for):
    response = api_client_for(bank.am_a_user).post(VISITS, api_payload(held.b))
    assert response.status_code == 400 and "customer" in response.json()
    assert "西城" not in response.content.decode()
    assert not Visit.objects.exists()


@pytest.mark.parametrize("user_attr", ["head_a", "hr", "admin", "integration"])
def test_api_only_account_managers_create(bank, held, api_client_for, user_attr):
    response = api_client_for(getattr(bank, user_attr)).post(VISITS, api_payload(held.a))
    assert response.status_code == 403 and response.json()["detail"]
    assert not Visit.objects.exists()


def test_api_detail_outside_scope_is_404(bank, visits, api_client_for):
    url = f"{VISITS}{visits.b_site.pk}/"
    assert api_client_for(bank.head_a).get(url).status_code == 404
    assert api_client_for(bank.am_a_user).get(url).status_code == 404
    assert api_client_for(bank.head_b).get(url).json()["person_met"] == "王总"


def test_api_no_update_or_delete(bank, visits, api_client_for):
    url = f"{VISITS}{visits.a_site.pk}/"
    client = api_client_for(bank.am_a_user)
    assert client.patch(url, {"outcome": "改"}).status_code == 405
    assert client.delete(url).status_code == 405


# --- customers due for a visit ---------------------------------------------------------------

TODAY = date(2026, 4, 2)


@pytest.fixture
def tiers(bank):
    """Sub-branch A customers by tier: gold visits every 90 days, diamond every 30."""

    def customer(name, tier, unit=None):
        return CustomerFactory(name=name, tier=tier, unit=unit or bank.sub_a)

    return SimpleNamespace(
        due=customer("过期一天", "gold"),
        on_time=customer("刚好到期", "gold"),
        never=customer("从未拜访", "gold"),
        diamond=customer("钻石客户", "diamond"),
        untiered=customer("未评级", ""),
        other_branch=customer("城西黄金", "gold", bank.sub_b),
    )


def test_due_for_a_visit_at_the_boundary(bank, tiers):
    # 90 days before TODAY is 2026-01-02: a visit that day is not yet overdue. The
    # on-time visit is at 00:30 Shanghai (16:30 UTC on 1 January): days count locally.
    log_visit(
        bank.am_a_user,
        hold(tiers.due, bank.am_a, bank.head_a),
        visited_at=at(date(2026, 1, 1), 23, 30),
    )
    hold(tiers.on_time, bank.am_a, bank.head_a)
    log_visit(bank.am_a_user, tiers.on_time, visited_at=at(date(2025, 10, 1), 9))
    log_visit(bank.am_a_user, tiers.on_time, visited_at=at(date(2026, 1, 2), 0, 30))
    hold(tiers.diamond, bank.am_a, bank.head_a)
    log_visit(bank.am_a_user, tiers.diamond, visited_at=at(date(2026, 2, 20), 10))

    rows = list(customers_due_for_visit(bank.head_a, today=TODAY))
    assert [row.name for row in rows] == ["从未拜访", "钻石客户", "过期一天"]
    overdue = {row.name: days_overdue(row, TODAY) for row in rows}
    assert overdue == {"从未拜访": None, "钻石客户": 11, "过期一天": 1}
    assert rows[2].last_visit_at == at(date(2026, 1, 1), 23, 30)
    assert [a.manager for a in rows[2].current_assignments] == [bank.am_a]


def test_due_list_is_scoped(bank, tiers):
    assert [row.name for row in customers_due_for_visit(bank.head_b, today=TODAY)] == ["城西黄金"]
    hold(tiers.due, bank.am_a, bank.head_a)
    assert [row.name for row in customers_due_for_visit(bank.am_a_user, today=TODAY)] == [
        "过期一天"
    ]


def test_visit_frequency_is_configurable(bank, tiers):
    log_visit(
        bank.am_a_user,
        hold(tiers.on_time, bank.am_a, bank.head_a),
        visited_at=at(date(2026, 3, 1), 9),
    )
    assert "刚好到期" not in {row.name for row in customers_due_for_visit(bank.hr, today=TODAY)}
    VisitFrequency.objects.filter(tier="gold").update(every_days=30)
    rows = {row.name: row for row in customers_due_for_visit(bank.hr, today=TODAY)}
    assert days_overdue(rows["刚好到期"], TODAY) == 2


def test_due_page_shows_last_visit_and_days_overdue(client, bank, tiers):
    today = timezone.localdate()
    hold(tiers.due, bank.am_a, bank.head_a)
    log_visit(bank.am_a_user, tiers.due, visited_at=at(today - timedelta(days=100), 10))
    response = login(client, bank.head_a).get(reverse("visits-overdue"))
    rows = dict(response.context["rows"])
    assert {c.name for c in rows} == {"过期一天", "刚好到期", "从未拜访", "钻石客户"}
    body = response.content.decode()
    assert f'data-testid="days-{tiers.due.pk}">10<' in body
    assert (today - timedelta(days=100)).isoformat() in body
    filtered = client.get(reverse("visits-overdue"), {"manager": bank.am_a.pk})
    assert [c.name for c, _days in filtered.context["rows"]] == ["过期一天"]


def test_due_page_is_not_for_credit_officers(client, bank):
    assert login(client, bank.officer_a).get(reverse("visits-overdue")).status_code == 403


# --- constant query counts -------------------------------------------------------------------


def more_visits(bank, n: int):
    day = timezone.localdate() - timedelta(days=200)
    for index in range(n):
        user = UserFactory(role="account_manager", org_unit=bank.sub_a)
        manager = AccountManagerFactory(unit=bank.sub_a, user=user)
        customer = hold(CustomerFactory(unit=bank.sub_a, tier="gold"), manager, bank.head_a)
        log_visit(user, customer, visited_at=at(day, 9 + index % 8))


@pytest.mark.parametrize("url_name", ["visit-list", "visits-overdue"])
def test_visit_pages_query_count_is_constant(
    client, bank, visits, url_name, django_assert_max_num_queries
):
    login(client, bank.head_a)
    with django_assert_max_num_queries(15) as before:
        client.get(reverse(url_name))
    more_visits(bank, 12)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(reverse(url_name)).context["page"].paginator.count >= 12


def test_visit_api_query_count_is_constant(
    bank, visits, api_client_for, django_assert_max_num_queries
):
    client = api_client_for(bank.hr)
    with django_assert_max_num_queries(10) as before:
        client.get(VISITS)
    more_visits(bank, 12)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(VISITS).json()["count"] == 15
