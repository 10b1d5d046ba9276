"""Loans falling due (R-RPT-1, 到期贷款情况表): the bulk API (upsert by contract number, every
bad row reported by row and field with nothing saved), the page of a month (default next
month in Asia/Shanghai) scoped to the user's subtree, its .xlsx export without personal
data (R-CUS-7) and the dashboard's "next month" tile; query counts that do not grow."""

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from compliance.models import CustomerDataAccess
from managers.choices import OrgUnitKind
from performance.loan_selectors import month_end, next_month
from performance.models import Loan
from tests.factories import AccountManagerFactory, CustomerFactory, OrgUnitFactory
from tests.performance.helpers import held

API = "/api/v1/loans/"
PAGE = "/performance/loans/"
EXPORT = "/performance/loans/download.xlsx"
DECEMBER = "2026-12"


@pytest.fixture
def customers(bank):
    ca = CustomerFactory(number="CA", unit=bank.sub_a, name="城东客户")
    ca1 = CustomerFactory(number="CA1", unit=bank.outlet_a1, name="网点客户")
    cb = CustomerFactory(number="CB", unit=bank.sub_b, name="城西客户")
    held(ca, bank.am_a, bank.hr)
    held(ca1, bank.am_a1, bank.hr, share="0.8")
    held(ca1, bank.am_a, bank.hr, share="0.2", basis="increase")
    held(cb, bank.am_b, bank.hr)
    return {"CA": ca, "CA1": ca1, "CB": cb}


def loan(customer, number, due, balance="1000000", start=date(2025, 1, 1)) -> Loan:
    return Loan.objects.create(
        contract_number=number,
        customer=customer,
        balance=Decimal(balance),
        start_date=start,
        due_on=due,
    )


def row(number="K1", customer="CA", balance="1500000.50", start="2025-06-01", due="2026-12-15"):
    return {
        "contract_number": number,
        "customer": customer,
        "balance": balance,
        "start_date": start,
        "due_on": due,
    }


# --- the bulk API ----------------------------------------------------------------------


def test_loans_are_created_then_updated_by_contract_number(bank, customers, api_client_for):
    client = api_client_for(bank.integration)
    response = client.post(API, [row("K1"), row("K2", "CB", 2_000_000)], format="json")
    assert response.status_code == 200, response.json()
    assert response.json() == {"created": 2, "updated": 0, "unchanged": 0}
    assert Loan.objects.get(contract_number="K2").balance == Decimal("2000000.00")

    again = [row("K1", balance="900000"), row("K2", "CB", "2000000.00"), row("K3", "CA1")]
    response = client.post(API, again, format="json")
    assert response.json() == {"created": 1, "updated": 1, "unchanged": 1}
    assert Loan.objects.get(contract_number="K1").balance == Decimal("900000.00")
    assert Loan.objects.count() == 3
    history = Loan.history.filter(contract_number="K1").order_by("history_date")
    assert [h.history_type for h in history] == ["+", "~"]
    assert history.last().history_user == bank.integration


OTHER_BRANCH = "other-branch"


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"customer": "NOBODY"}, "customer"),
        ({"customer": OTHER_BRANCH}, "customer"),  # exists, outside the caller's branch
        ({"start_date": "2026-13-01"}, "start_date"),
        ({"due_on": "15/12/2026"}, "due_on"),
        ({"balance": "-1"}, "balance"),
        ({"balance": "abc"}, "balance"),
        ({"balance": [1]}, "balance"),
        ({"start_date": "2027-01-01", "due_on": "2026-12-31"}, "due_on"),
        ({"contract_number": "NEW"}, "contract_number"),  # the same contract as row 1
        ({"contract_number": ""}, "contract_number"),
    ],
)
def test_any_bad_row_saves_nothing_and_names_row_and_field(
    bank, customers, api_client_for, bad, field
):
    outsider = CustomerFactory(number=OTHER_BRANCH, unit=OrgUnitFactory(parent=bank.head_office))
    assert outsider.number == OTHER_BRANCH
    existing = loan(customers["CA"], "OLD", date(2026, 12, 1), balance="100")
    before = Loan.objects.count()
    body = [
        row("NEW"),
        {**row("OLD", balance="999"), **bad} if field != "contract_number" else {**row(), **bad},
    ]
    if field == "contract_number" and bad["contract_number"] == "":
        body[1] = {**row("OLD"), **bad}

    response = api_client_for(bank.integration).post(API, body, format="json")

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [(error["row"], error["column"]) for error in errors] == [(2, field)]
    assert errors[0]["message"]
    assert Loan.objects.count() == before
    existing.refresh_from_db()
    assert existing.balance == Decimal("100.00")


def test_every_problem_is_listed(bank, customers, api_client_for):
    body = [row("A", customer="X"), row("B", balance="-5", due="2026-02-30")]
    response = api_client_for(bank.hr).post(API, body, format="json")
    assert response.status_code == 400
    pairs = [(error["row"], error["column"]) for error in response.json()["errors"]]
    assert pairs == [(1, "customer"), (2, "balance"), (2, "due_on")]
    assert response.json()["errors"][0]["message"] == "客户号不存在，或客户不在您的机构范围内。"


def test_a_contract_of_another_unit_cannot_be_taken_over(bank, customers, api_client_for):
    other = OrgUnitFactory(parent=bank.head_office, kind=OrgUnitKind.BRANCH)
    loan(CustomerFactory(unit=other), "THEIRS", date(2026, 12, 1))
    response = api_client_for(bank.integration).post(API, [row("THEIRS")], format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["column"] == "contract_number"
    assert Loan.objects.get(contract_number="THEIRS").customer.unit == other


@pytest.mark.parametrize("body", [{"loans": []}, [], "text", [1]])
def test_bodies_that_are_not_a_list_of_loans(bank, api_client_for, body):
    response = api_client_for(bank.hr).post(API, body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"]


def test_invalid_json_and_empty_body(bank, api_client_for):
    client = api_client_for(bank.hr)
    not_json = client.post(API, "{", content_type="application/json")
    for response in (not_json, client.post(API)):
        assert response.status_code == 400
        assert response.json()["errors"][0]["row"] is None
    assert not_json.json()["errors"][0]["message"] == "请求内容不是有效的 JSON。"


def test_too_many_rows_or_too_large_a_body_is_refused(bank, customers, api_client_for, monkeypatch):
    client = api_client_for(bank.hr)
    monkeypatch.setattr("performance.loan_imports.MAX_ROWS", 3)
    response = client.post(API, [row(f"R{n}") for n in range(4)], format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "每次请求最多 3 笔贷款：请分多次发送。"
    monkeypatch.setattr("performance.api.loan_views.MAX_BODY_BYTES", 200)
    response = client.post(API, [row(f"R{n}") for n in range(3)], format="json")
    assert response.status_code == 413
    assert not Loan.objects.exists()


@pytest.mark.parametrize("user", ["head_a", "am_a_user", "compliance"])
def test_only_importers_send_loans(bank, customers, api_client_for, user):
    response = api_client_for(getattr(bank, user)).post(API, [row()], format="json")
    assert response.status_code == 403
    assert not Loan.objects.exists()


def test_import_query_count_does_not_grow_with_rows(bank, customers, api_client_for):
    client = api_client_for(bank.hr)

    def queries(rows) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.post(API, rows, format="json").status_code == 200
        return len(captured.captured_queries)

    few = queries([row(f"F{n}") for n in range(2)])
    many = queries([row(f"M{n}", customer=("CA", "CB")[n % 2]) for n in range(40)])
    updates = queries([row(f"M{n}", balance="1") for n in range(40)])
    assert few == many
    assert updates <= many + 1


# --- the page, its month and scope -------------------------------------------------------


@pytest.fixture
def december(customers):
    """Loans around December 2026: two inside it in A, one in B, two just outside."""
    return {
        "A-first": loan(customers["CA"], "A-first", date(2026, 12, 1), "3000000"),
        "A-last": loan(customers["CA1"], "A-last", date(2026, 12, 31), "1234567.89"),
        "A-before": loan(customers["CA"], "A-before", date(2026, 11, 30)),
        "A-after": loan(customers["CA"], "A-after", date(2027, 1, 1)),
        "B-dec": loan(customers["CB"], "B-dec", date(2026, 12, 10), "5000000"),
    }


def listed(response) -> list[str]:
    return [loan.contract_number for loan in response.context["page"]]


def test_month_boundaries(client, bank, december):
    client.force_login(bank.hr)
    response = client.get(PAGE, {"month": DECEMBER})
    assert listed(response) == ["A-first", "B-dec", "A-last"]
    totals = response.context["totals"]
    assert (totals.count, totals.balance) == (3, Decimal("9234567.89"))
    body = response.content.decode()
    assert "923.46" in body  # 万元
    assert "到期贷款" in body


def test_head_a_sees_only_sub_branch_a(client, bank, december):
    client.force_login(bank.head_a)
    response = client.get(PAGE, {"month": DECEMBER})
    assert listed(response) == ["A-first", "A-last"]
    body = response.content.decode()
    assert "城西客户" not in body and "B-dec" not in body
    assert "甲经理" in body and "网点经理" in body  # the current holders
    other = client.get(PAGE, {"month": DECEMBER, "unit": bank.sub_b.pk})
    assert listed(other) == [] and "B-dec" not in other.content.decode()


def test_the_unit_filter_narrows_to_a_subtree(client, bank, december):
    client.force_login(bank.hr)
    response = client.get(PAGE, {"month": DECEMBER, "unit": bank.outlet_a1.pk})
    assert listed(response) == ["A-last"]


def test_an_account_manager_sees_the_loans_of_their_customers(client, bank, december):
    client.force_login(bank.am_b_user)
    assert listed(client.get(PAGE, {"month": DECEMBER})) == ["B-dec"]


def clock(monkeypatch, utc: datetime) -> None:
    """Today's date as Asia/Shanghai sees the instant `utc` (sessions keep the real time)."""
    localdate = timezone.localdate
    monkeypatch.setattr(
        timezone, "localdate", lambda value=None, timezone=None: localdate(value or utc, timezone)
    )


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        # 2026-11-30 23:59 in Shanghai: next month is December
        (datetime(2026, 11, 30, 15, 59, tzinfo=UTC), ["A-first", "B-dec", "A-last"]),
        # 2026-12-01 00:30 in Shanghai (still November in UTC): next month is January
        (datetime(2026, 11, 30, 16, 30, tzinfo=UTC), ["A-after"]),
    ],
)
def test_the_default_month_is_next_month_in_shanghai(
    client, bank, december, monkeypatch, utc, expected
):
    client.force_login(bank.hr)
    clock(monkeypatch, utc)
    assert listed(client.get(PAGE)) == expected


def test_next_month_and_month_end():
    assert next_month(date(2026, 12, 31)) == date(2027, 1, 1)
    assert next_month(date(2026, 1, 31)) == date(2026, 2, 1)
    assert month_end(date(2028, 2, 1)) == date(2028, 2, 29)


def test_a_bad_month_shows_the_error_and_no_rows(client, bank, december):
    client.force_login(bank.hr)
    response = client.get(PAGE, {"month": "2026-13"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert "download-xlsx" not in response.content.decode()
    assert client.get(EXPORT, {"month": "2026-13"}).status_code == 302


def page_queries(client) -> int:
    client.get(PAGE, {"month": DECEMBER})  # warm the session middleware
    with CaptureQueriesContext(connection) as captured:
        assert client.get(PAGE, {"month": DECEMBER}).status_code == 200
    return len(captured.captured_queries)


def test_page_query_count_is_constant(client, bank, december):
    client.force_login(bank.hr)
    few = page_queries(client)
    for index in range(12):
        customer = CustomerFactory(unit=bank.outlet_a1)
        held(customer, AccountManagerFactory(unit=bank.outlet_a1), bank.hr)
        loan(customer, f"MORE-{index}", date(2026, 12, 5))
    assert page_queries(client) == few


# --- the export --------------------------------------------------------------------------


def test_export_reads_back_with_dates_amounts_and_no_personal_data(client, bank, december):
    client.force_login(bank.head_a)
    response = client.get(EXPORT, {"month": DECEMBER})
    assert response.status_code == 200
    assert (
        response["Content-Disposition"].endswith('.xlsx"')
        or ".xlsx" in response["Content-Disposition"]
    )
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == f"到期贷款 · {bank.sub_a.name} · {DECEMBER}"
    assert rows[1] == (
        "合同号",
        "客户号",
        "客户",
        "机构",
        "客户经理",
        "余额（万元）",
        "起始日",
        "到期日",
    )
    assert rows[2][:6] == ("A-first", "CA", "城东客户", "城东支行", "甲经理", 300)
    assert rows[2][7] == datetime(2026, 12, 1)
    assert rows[3][:6] == ("A-last", "CA1", "网点客户", "城东第一网点", "网点经理、甲经理", 123.46)
    assert rows[4][0] == "合计：2 笔贷款" and rows[4][5] == 423.46
    assert len(rows) == 5  # nothing of sub-branch B
    assert sheet.freeze_panes == "B3"
    assert sheet.auto_filter.ref == "A2:H4"
    cells = {str(value) for line in rows for value in line if value is not None}
    assert not cells & {"11010519491231002X", "13812345678"}  # R-CUS-7
    log = CustomerDataAccess.objects.get()
    assert (log.user, log.customer_numbers) == (bank.head_a, ["CA", "CA1"])


# --- the dashboard tile ------------------------------------------------------------------


def test_dashboard_tile_counts_next_month_in_the_unit(client, bank, customers, monkeypatch):
    clock(monkeypatch, datetime(2026, 11, 20, 2, 0, tzinfo=UTC))
    loan(customers["CA"], "A1", date(2026, 12, 3), "2500000")
    loan(customers["CA1"], "A2", date(2026, 12, 31), "500000")
    loan(customers["CA"], "A3", date(2027, 1, 2), "9999999")
    loan(customers["CB"], "B1", date(2026, 12, 3), "7000000")
    client.force_login(bank.head_a)
    response = client.get(reverse("dashboard"))
    tile = next(t for t in response.context["attention"] if t.key == "loans-due")
    assert (tile.value, tile.label) == (2, "下月到期贷款")
    assert tile.detail == "300.00 万元"
    assert tile.url == f"{PAGE}?unit={bank.sub_a.pk}&month=2026-12"
    assert 'data-testid="detail-loans-due"' in response.content.decode()
    client.force_login(bank.head_b)
    tile = next(
        t for t in client.get(reverse("dashboard")).context["attention"] if t.key == "loans-due"
    )
    assert (tile.value, tile.detail) == (1, "700.00 万元")
