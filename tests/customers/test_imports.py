"""Customer import (R-CUS-1…4, R-GRD-5, R-PRO-8): what HR and unit heads notice — counts on
success; every bad row reported by row and column with nothing saved; a re-import that
changes nothing; scope; limits on the file; the template and the error report."""

import io
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from compliance.models import CustomerDataAccess
from customers.models import Assignment, Customer
from managers.choices import ManagerStatus
from tests.customers.import_files import (
    HEADERS,
    IMPORT_API,
    XLSX,
    csv_upload,
    customer_row,
    xlsx_upload,
)
from tests.factories import AccountManagerFactory, CustomerFactory


def stored() -> dict[str, int]:
    """Everything an import may write, counted."""
    return {
        "customers": Customer.objects.count(),
        "customer history": Customer.history.count(),
        "assignments": Assignment.objects.count(),
        "assignment history": Assignment.history.count(),
    }


def api_import(client, upload):
    return client.post(IMPORT_API, {"file": upload}, format="multipart")


def page_import(client, user, upload):
    client.force_login(user)
    return client.post(reverse("customer-import"), {"file": upload})


def problems(response) -> set[tuple]:
    assert response.status_code == 400, response.content[:500]
    return {(problem["row"], problem["column"]) for problem in response.json()}


def test_page_import_creates_customers_and_assignments(client, bank):
    second = customer_row(
        bank,
        {"客户号": "C1002", "协管客户经理工号": bank.am_a1.employee_number, "协管认领比例": "40"},
    )
    personal = customer_row(
        bank,
        {
            "客户号": "C1003",
            "客户名称": "王小明",
            "客户类型": "个人",
            "主管客户经理工号": "",
            "主管认领比例": "",
        },
    )
    response = page_import(client, bank.head_a, xlsx_upload([customer_row(bank), second, personal]))

    assert response.status_code == 200
    result = response.context["result"]
    assert result.counts() == {
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "assignments_created": 3,
    }
    assert 'data-testid="import-counts"' in response.content.decode()
    customer = Customer.objects.get(number="C1001")
    assert customer.unit == bank.sub_a and customer.kind == "corporate"
    assert customer.opened_on == date(2024, 3, 1) and customer.has_basic_account
    assert customer.deposit_daily_avg == Decimal("600000.00") and not customer.is_credit
    assert customer.id_number == "11010519491231002X" and customer.phone == "13812345678"
    shares = {
        (a.manager, a.credit_share)
        for a in Assignment.objects.filter(customer__number="C1002", end_date__isnull=True)
    }
    assert shares == {(bank.am_a, Decimal("0.6")), (bank.am_a1, Decimal("0.4"))}
    assignment = Assignment.objects.get(customer=customer)
    assert assignment.start_date == timezone.localdate()
    assert assignment.created_by == bank.head_a
    history = customer.history.get()
    assert history.history_type == "+" and history.history_user == bank.head_a
    assert assignment.history.get().history_user == bank.head_a
    assert Customer.objects.get(number="C1003").assignments.count() == 0


def test_every_import_is_logged_as_access_to_personal_data(bank, api_client_for):
    """R-PRO-8: who imported which customers' personal data, from where."""
    response = api_import(api_client_for(bank.head_a), xlsx_upload([customer_row(bank)]))
    assert response.status_code == 200, response.content
    entry = CustomerDataAccess.objects.get()
    assert entry.user == bank.head_a and entry.action == "import"
    assert entry.customer_numbers == ["C1001"] and entry.customer_count == 1
    assert entry.fields == "id_number,phone" and entry.purpose == "bulk import"
    assert entry.ip_address == "127.0.0.1" and entry.path == IMPORT_API


def test_importing_the_same_file_again_changes_nothing(bank, api_client_for):
    client = api_client_for(bank.hr)
    rows = [
        customer_row(bank),
        customer_row(bank, {"客户号": "C1002", "机构代码": bank.sub_b.code,
                            "主管客户经理工号": bank.am_b.employee_number}),
    ]  # fmt: skip
    first = api_import(client, xlsx_upload(rows))
    assert first.status_code == 200, first.content
    assert first.json()["created"] == 2 and first.json()["assignments_created"] == 2
    before = stored()

    again = api_import(client, xlsx_upload(rows))

    assert again.status_code == 200
    assert again.json() | {"warnings": []} == {
        "created": 0,
        "updated": 0,
        "unchanged": 2,
        "assignments_created": 0,
        "warnings": [],
    }
    assert stored() == before  # no new rows, no new history rows
    assert CustomerDataAccess.objects.count() == 2  # but each import is logged


def test_only_changed_fields_are_updated_and_empty_optional_cells_keep_values(bank, api_client_for):
    customer = CustomerFactory(
        number="C1001", unit=bank.sub_a, contact_person="李四", deposit_daily_avg=Decimal("5")
    )
    before = customer.history.count()
    headers = ["客户号", "客户名称", "客户类型", "机构代码", "开户日期", "客户来源", "联系人"]
    row = customer_row(bank, {"客户名称": "新名称有限公司", "联系人": "", "客户来源": "自然增长"})
    row["开户日期"] = customer.opened_on.isoformat()

    response = api_import(api_client_for(bank.head_a), xlsx_upload([row], headers=headers))

    assert response.status_code == 200, response.content
    assert response.json()["updated"] == 1
    customer.refresh_from_db()
    assert customer.name == "新名称有限公司"
    assert customer.contact_person == "李四" and customer.deposit_daily_avg == Decimal("5")
    assert customer.history.count() == before + 1
    latest = customer.history.first()
    assert latest.history_type == "~" and latest.history_user == bank.head_a


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_saved(bank, api_client_for):
    rows = [
        customer_row(bank),  # row 2: fine, but not saved either
        customer_row(bank, {"客户号": "C3", "开户日期": "2024-13-01"}),
        customer_row(bank, {"客户号": "C4", "日均存款(元)": "-5", "贷款余额(元)": "很多"}),
        customer_row(
            bank, {"客户号": "C5", "证件号码": "110105194912310021", "手机号码": "12345678901"}
        ),
        customer_row(bank, {"客户号": "C6", "客户类型": "企业", "客户来源": "朋友介绍"}),
        customer_row(bank, {"客户号": "C1001"}),  # twice in the file
        customer_row(bank, {"客户号": "C8", "机构代码": "NOPE", "主管客户经理工号": "X999"}),
        customer_row(bank, {"客户号": "C9", "客户名称": " ", "主管认领比例": "六成"}),
        customer_row(bank, {"客户号": "C10", "开户日期": "2999-01-01"}),
    ]
    before = stored()

    response = api_import(api_client_for(bank.head_a), xlsx_upload(rows))

    assert problems(response) == {
        (3, "开户日期"),
        (4, "日均存款(元)"),
        (4, "贷款余额(元)"),
        (5, "证件号码"),
        (5, "手机号码"),
        (6, "客户类型"),
        (6, "客户来源"),
        (7, "客户号"),
        (8, "机构代码"),
        (8, "主管客户经理工号"),
        (9, "客户名称"),
        (9, "主管认领比例"),
        (10, "开户日期"),
    }
    messages = {(p["row"], p["column"]): p["message"] for p in response.json()}
    assert "2" in messages[(7, "客户号")]  # names the row where the number first appears
    assert "NOPE" in messages[(8, "机构代码")] and "X999" in messages[(8, "主管客户经理工号")]
    assert "110105194912310021" not in str(response.json())  # personal data not echoed
    assert stored() == before
    assert not CustomerDataAccess.objects.exists()


def test_head_of_a_sub_branch_imports_only_into_it(bank, api_client_for):
    CustomerFactory(number="B-1", unit=bank.sub_b)
    rows = [
        customer_row(bank, {"客户号": "C1", "机构代码": bank.sub_b.code}),
        customer_row(bank, {"客户号": "C2", "主管客户经理工号": bank.am_b.employee_number}),
        customer_row(bank, {"客户号": "B-1"}),
        customer_row(bank, {"客户号": "C4", "机构代码": bank.outlet_a1.code}),  # below A: fine
    ]
    before = stored()

    response = api_import(api_client_for(bank.head_a), xlsx_upload(rows))

    assert problems(response) == {(2, "机构代码"), (3, "主管客户经理工号"), (4, "客户号")}
    assert "乙经理" not in str(response.json())
    assert stored() == before
    # HR of the branch may import into both sub-branches.
    rows = [rows[0], rows[3]]
    response = api_import(api_client_for(bank.hr), xlsx_upload(rows))
    assert response.status_code == 200 and response.json()["created"] == 2


def test_credit_share_rules(bank, api_client_for):
    """R-CUS-4 minimum by source and 100% in total; R-GRD-5 no credit customer for a
    trainee."""
    trainee = AccountManagerFactory(unit=bank.sub_a, status=ManagerStatus.TRAINEE)
    rows = [
        customer_row(bank, {"客户号": "C1", "客户来源": "自己营销", "主管认领比例": "60%"}),
        customer_row(
            bank,
            {
                "客户号": "C2",
                "主管认领比例": "0.7",
                "协管客户经理工号": bank.am_a1.employee_number,
                "协管认领比例": "40%",
            },
        ),
        customer_row(
            bank,
            {"客户号": "C3", "授信客户": "是", "主管客户经理工号": trainee.employee_number},
        ),
        customer_row(bank, {"客户号": "C4", "协管客户经理工号": bank.am_a.employee_number,
                            "协管认领比例": "10%"}),
        customer_row(bank, {"客户号": "C5", "主管认领比例": ""}),
        customer_row(bank, {"客户号": "C6", "客户来源": "自己营销", "主管认领比例": "80%"}),
    ]  # fmt: skip

    response = api_import(api_client_for(bank.head_a), xlsx_upload(rows))

    assert problems(response) == {
        (2, "主管认领比例"),
        (3, "协管认领比例"),
        (4, "主管客户经理工号"),
        (5, "协管客户经理工号"),
        (6, "主管认领比例"),
    }
    messages = {(p["row"], p["column"]): p["message"] for p in response.json()}
    assert "80%" in messages[(2, "主管认领比例")] and "R-CUS-4" in messages[(2, "主管认领比例")]
    assert "110.00%" in messages[(3, "协管认领比例")]
    assert "R-GRD-5" in messages[(4, "主管客户经理工号")]


def test_a_customer_already_held_is_changed_by_a_transfer_not_an_import(bank, api_client_for):
    customer = CustomerFactory(number="C1001", unit=bank.sub_a, deposit_daily_avg=600000)
    Assignment.objects.create(
        customer=customer,
        manager=bank.am_a,
        credit_share=Decimal("0.6"),
        start_date=date(2025, 1, 1),
        created_by=bank.hr,
    )
    client = api_client_for(bank.head_a)
    same = customer_row(bank, {"开户日期": customer.opened_on.isoformat()})
    other = customer_row(bank, {"主管客户经理工号": bank.am_a1.employee_number})

    response = api_import(client, xlsx_upload([other]))
    assert problems(response) == {(2, "主管客户经理工号")}
    message = response.json()[0]["message"]
    assert "甲经理" in message and bank.am_a.employee_number in message and "60%" in message

    before = stored()
    response = api_import(client, xlsx_upload([same]))
    assert response.status_code == 200, response.content
    assert response.json()["assignments_created"] == 0
    assert stored()["assignments"] == before["assignments"]


def test_a_trainees_customer_cannot_become_a_credit_customer(bank, api_client_for):
    """R-GRD-5, also when the file changes the customer rather than the manager."""
    trainee = AccountManagerFactory(unit=bank.sub_a, status=ManagerStatus.TRAINEE)
    customer = CustomerFactory(number="C1001", unit=bank.sub_a, is_credit=False)
    Assignment.objects.create(
        customer=customer,
        manager=trainee,
        credit_share=Decimal("1"),
        start_date=date(2025, 1, 1),
        created_by=bank.hr,
    )
    row = customer_row(bank, {"授信客户": "是", "主管客户经理工号": "", "主管认领比例": ""})
    response = api_import(api_client_for(bank.head_a), xlsx_upload([row]))
    assert problems(response) == {(2, "授信客户")}
    customer.refresh_from_db()
    assert not customer.is_credit


def test_a_customer_nobody_holds_is_assigned_on_update(bank, api_client_for):
    CustomerFactory(number="C1001", unit=bank.sub_a, opened_on=date(2024, 3, 1))
    response = api_import(api_client_for(bank.head_a), xlsx_upload([customer_row(bank)]))
    assert response.status_code == 200, response.content
    assert response.json()["assignments_created"] == 1
    assert Assignment.objects.get().manager == bank.am_a


def test_corporate_manager_warning_and_unknown_columns_are_shown(bank, api_client_for):
    """R-ELG-6 is a warning, not an error; columns we do not know are listed, not imported."""
    row = customer_row(bank, {"日均存款(元)": "1000", "备注": "老客户"})
    response = api_import(api_client_for(bank.head_a), xlsx_upload([row], [*HEADERS, "备注"]))
    assert response.status_code == 200, response.content
    warnings = {(w["row"], w["column"]) for w in response.json()["warnings"]}
    assert warnings == {(1, "备注"), (2, "主管客户经理工号")}
    assert "R-ELG-6" in str(response.json()["warnings"])


def test_english_keys_and_csv_encodings(bank, api_client_for):
    from customers.imports import COLUMNS

    client = api_client_for(bank.head_a)
    keys = [column.key for column in COLUMNS]
    row = customer_row(bank, {"客户号": "E1", "客户类型": "corporate"})
    english = [dict(zip(keys, row.values(), strict=True))]
    assert api_import(client, xlsx_upload(english, headers=keys)).status_code == 200
    for number, encoding in (("U1", "utf-8-sig"), ("U2", "utf-8"), ("G1", "gb18030")):
        upload = csv_upload([customer_row(bank, {"客户号": number})], encoding=encoding)
        response = api_import(client, upload)
        assert response.status_code == 200, (encoding, response.content)
        assert Customer.objects.get(number=number).name == "城东机械制造有限公司"


def test_only_import_roles_may_import(bank, client, api_client_for):
    for user in (bank.am_a_user, bank.officer_a, bank.compliance, bank.integration):
        upload = xlsx_upload([customer_row(bank)])
        assert api_import(api_client_for(user), upload).status_code == 403
        client.force_login(user)
        for name in ("customer-import", "customer-import-template", "customer-import-errors"):
            assert client.get(reverse(name)).status_code == 403
        assert client.post(reverse("customer-import"), {"file": upload}).status_code == 403
    assert not Customer.objects.exists()
    client.logout()
    response = client.get(reverse("customer-import"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    for user in (bank.hr, bank.head_b, bank.admin):
        client.force_login(user)
        assert client.get(reverse("customer-import")).status_code == 200


def test_the_form_explains_the_columns_and_checks_csrf(bank):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(bank.head_a)
    response = client.get(reverse("customer-import"))
    body = response.content.decode()
    assert reverse("customer-import-template") in body
    assert all(header in body for header in HEADERS)
    assert "10 MB" in body and "100,000" in body
    upload = xlsx_upload([customer_row(bank)])
    assert client.post(reverse("customer-import"), {"file": upload}).status_code == 403
    token = response.cookies["csrftoken"].value
    upload = xlsx_upload([customer_row(bank)])
    response = client.post(
        reverse("customer-import"), {"csrfmiddlewaretoken": token, "file": upload}
    )
    assert response.status_code == 200 and response.context["result"].created == 1


def test_page_shows_problems_and_the_report_downloads(client, bank):
    rows = [
        customer_row(bank),
        customer_row(bank, {"客户号": "C2", "开户日期": "yesterday"}),
        customer_row(bank, {"客户号": "C3", "机构代码": "=HYPERLINK(1)"}),
    ]
    response = page_import(client, bank.head_a, csv_upload(rows))

    assert response.status_code == 200
    assert response.context["result"] is None
    shown = [(error.row, error.column) for error in response.context["errors"]]
    assert shown == [(3, "开户日期"), (4, "机构代码")]
    body = response.content.decode()
    assert 'data-testid="import-failed"' in body and reverse("customer-import-errors") in body
    assert not Customer.objects.exists()

    download = client.get(reverse("customer-import-errors"))
    assert download.status_code == 200 and download["Content-Type"] == XLSX
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    lines = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [line[:2] for line in lines] == [(3, "开户日期"), (4, "机构代码")]
    assert "=HYPERLINK(1)" in lines[1][2]  # stays text
    assert sheet["C3"].data_type == "s"

    response = page_import(client, bank.head_a, xlsx_upload([customer_row(bank)]))
    assert response.context["result"].created == 1
    response = client.get(reverse("customer-import-errors"))  # a success clears the report
    assert response.status_code == 302 and response["Location"] == reverse("customer-import")


def test_at_most_a_thousand_problems_are_kept(client, bank):
    rows = [customer_row(bank, {"客户号": f"C{n}", "开户日期": "?"}) for n in range(1200)]
    response = page_import(client, bank.head_a, csv_upload(rows))
    assert len(response.context["errors"]) == 1000 and response.context["error_total"] == 1200
    report = client.session["customer_import_report"]
    assert len(report["rows"]) == 1000 and report["total"] == 1200
    sheet = load_workbook(
        io.BytesIO(b"".join(client.get(reverse("customer-import-errors")).streaming_content))
    ).active
    assert sheet.max_row == 1 + 1000 + 1  # header, problems, "only the first 1,000 of 1,200"
    assert "1,200" in sheet.cell(row=sheet.max_row, column=3).value


def test_template_round_trips(client, bank):
    client.force_login(bank.head_a)
    response = client.get(reverse("customer-import-template"))
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    content = b"".join(response.streaming_content)
    workbook = load_workbook(io.BytesIO(content))
    sheet, notes = workbook.worksheets
    assert [cell.value for cell in sheet[1]] == HEADERS
    example = {cell.value: value.value for cell, value in zip(sheet[1], sheet[2], strict=True)}
    assert example["机构代码"] == bank.sub_a.code
    assert example["主管客户经理工号"] in {bank.am_a.employee_number, bank.am_a1.employee_number}
    assert [row[0] for row in notes.iter_rows(min_row=2, max_row=18, values_only=True)] == HEADERS

    from django.core.files.uploadedfile import SimpleUploadedFile

    response = page_import(client, bank.head_a, SimpleUploadedFile("template.xlsx", content))
    assert response.context["result"].created == 1, response.context["errors"]


def test_queries_do_not_grow_with_rows(bank, api_client_for, django_assert_max_num_queries):
    client = api_client_for(bank.head_a)

    def rows(prefix, n):
        return [customer_row(bank, {"客户号": f"{prefix}{i}"}) for i in range(n)]

    with django_assert_max_num_queries(40) as few:
        assert api_import(client, xlsx_upload(rows("A", 3))).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert api_import(client, xlsx_upload(rows("B", 60))).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert api_import(client, xlsx_upload(rows("B", 60))).status_code == 200  # unchanged
