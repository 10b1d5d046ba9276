"""The prohibitions catalogue (R-PRO-1…10, R-PRO-11): seeded with the sources' Chinese
text, edited and versioned by administrators, read by everyone, acknowledged yearly by
each account manager (recorded); compliance sees who has not acknowledged."""

import pytest
from django.urls import reverse
from django.utils import timezone

from compliance.models import Prohibition, ProhibitionAcknowledgement
from tests.factories import AccountManagerFactory, UserFactory

API = "/api/v1/prohibitions/"


def test_the_catalogue_is_seeded_with_the_ten_prohibitions_and_other_rules(db):
    codes = list(Prohibition.objects.values_list("code", flat=True))
    assert codes == [f"R-PRO-{n}" for n in range(1, 12)]
    first = Prohibition.objects.get(code="R-PRO-1")
    assert first.text.startswith("严禁个人客户经理进行高柜和低柜业务操作")
    assert "代替客户签字" in Prohibition.objects.get(code="R-PRO-6").text
    assert "饮酒" in Prohibition.objects.get(code="R-PRO-11").text


@pytest.mark.parametrize("who", ["am_a_user", "head_a", "officer_a", "hr", "compliance"])
def test_everyone_reads_the_catalogue(client, bank, who):
    client.force_login(getattr(bank, who))
    page = client.get(reverse("prohibition-list"))
    assert page.status_code == 200
    assert len(page.context["rules"]) == 11
    assert "严禁个人客户经理代替客户签字" in page.content.decode()


def test_an_account_manager_acknowledges_once_a_year_with_one_click(client, bank):
    client.force_login(bank.am_a_user)
    assert client.get(reverse("prohibition-list")).context["acknowledged_current"] is False
    client.post(reverse("prohibition-acknowledge"))
    client.post(reverse("prohibition-acknowledge"))  # a second click changes nothing
    record = ProhibitionAcknowledgement.objects.get()
    assert (record.manager, record.year) == (bank.am_a, timezone.localdate().year)
    assert record.acknowledged_by == bank.am_a_user
    assert record.history.count() == 1
    assert client.get(reverse("prohibition-list")).context["acknowledged_current"] is True


def test_an_edit_of_the_catalogue_asks_for_a_new_acknowledgement(client, bank, admin_client):
    client.force_login(bank.am_a_user)
    client.post(reverse("prohibition-acknowledge"))
    rule = Prohibition.objects.get(code="R-PRO-4")
    url = reverse("admin:compliance_prohibition_change", args=[rule.pk])
    response = admin_client.post(
        url,
        {
            "code": rule.code,
            "order": rule.order,
            "title": rule.title,
            "text": rule.text + "（修订）",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    # The seeded rule's first history row (migration 0008) and the edit's (issue #9 audit).
    assert rule.version == 2 and rule.history.count() == 2
    assert rule.history.latest().diff_against(rule.history.earliest()).changed_fields
    assert client.get(reverse("prohibition-list")).context["acknowledged_current"] is False
    client.post(reverse("prohibition-acknowledge"))
    record = ProhibitionAcknowledgement.objects.get()
    assert record.history.count() == 2  # the earlier acknowledgement stays in the history
    assert client.get(reverse("prohibition-list")).context["acknowledged_current"] is True


def test_only_account_managers_acknowledge(client, bank):
    client.force_login(bank.head_a)
    assert client.post(reverse("prohibition-acknowledge")).status_code == 403
    assert not ProhibitionAcknowledgement.objects.exists()


def test_compliance_sees_who_has_not_acknowledged(client, bank):
    client.force_login(bank.am_a_user)
    client.post(reverse("prohibition-acknowledge"))
    client.force_login(bank.compliance)
    page = client.get(reverse("prohibition-acknowledgements"), {"current": "false"})
    names = {manager.name for manager in page.context["page"]}
    assert names == {bank.am_a1.name, bank.am_b.name}
    assert page.context["totals"] == {"everyone": 3, "done": 1}
    client.force_login(bank.head_b)  # scoped: B's head sees B only
    page = client.get(reverse("prohibition-acknowledgements"))
    assert [manager.name for manager in page.context["page"]] == [bank.am_b.name]
    client.force_login(bank.am_a_user)
    assert client.get(reverse("prohibition-acknowledgements")).status_code == 403


def test_the_acknowledgement_list_keeps_its_query_count(
    client, bank, django_assert_max_num_queries
):
    client.force_login(bank.compliance)
    with django_assert_max_num_queries(20) as before:
        client.get(reverse("prohibition-acknowledgements"))
    for _ in range(8):
        user = UserFactory(org_unit=bank.sub_a)
        AccountManagerFactory(unit=bank.sub_a, user=user)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert len(client.get(reverse("prohibition-acknowledgements")).context["page"]) == 11


def test_the_api_lists_the_catalogue_and_records_acknowledgements(bank, api_client_for):
    listed = api_client_for(bank.integration).get(API).json()
    assert listed["count"] == 11 and listed["results"][0]["code"] == "R-PRO-1"
    response = api_client_for(bank.am_a_user).post(f"{API}acknowledge/")
    assert response.status_code == 200 and response.json()["manager"] == bank.am_a.pk
    assert api_client_for(bank.hr).post(f"{API}acknowledge/").status_code == 403
    assert api_client_for(bank.hr).delete(f"{API}1/").status_code == 405


def test_the_catalogue_api_keeps_its_query_count(bank, api_client_for, django_assert_num_queries):
    client = api_client_for(bank.compliance)
    with django_assert_num_queries(2):  # count and page (session auth is forced)
        client.get(API)
    Prohibition.objects.create(code="R-PRO-12", order=12, title="新增规则", text="严禁……")
    with django_assert_num_queries(2):
        assert client.get(API).json()["count"] == 12
