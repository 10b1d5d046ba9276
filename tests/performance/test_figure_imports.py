"""Importing monthly figures (DOMAIN §3): every bad row reported by row and column with
nothing saved; a month imported again replaces it; each import recorded; roll-ups kept in
step; a unit's importer limited to its customers; large files on a worker with progress."""

import hashlib
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from performance.figure_imports import figure_import_submit
from performance.models import CustomerYearFigure, FigureImport, ImportStatus, MonthlyFigure
from tests.factories import CustomerFactory

HEADER = (
    "客户号,月份,日均存款(元),日均贷款(元),国际结算额(美元),五级分类,欠息(元),逾期天数,垫款(元)"
)


def csv_body(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def submit(actor, content: bytes, file_format="csv", name="figures.csv") -> FigureImport:
    return figure_import_submit(
        actor=actor, file_name=name, file_format=file_format, content=content
    )


@pytest.fixture
def customers(bank):
    return {
        "a": CustomerFactory(number="A001", unit=bank.sub_a),
        "b": CustomerFactory(number="B001", unit=bank.sub_b),
    }


def test_a_valid_file_saves_every_figure_and_records_the_import(bank, customers):
    content = csv_body(
        "A001,2026-01,5000000,1000000.5,20000,正常,0,0,0",
        "A001,2026-02,6000000,0,0,,0,0,0",
        "B001,2026/3,1200000.00,0,0,3,15.5,40,0",
    )
    record = submit(bank.hr, content)

    assert record.status == ImportStatus.DONE, record.errors
    assert (record.rows_created, record.rows_updated) == (3, 0)
    assert record.months == ["2026-01", "2026-02", "2026-03"]
    assert record.checksum == hashlib.sha256(content).hexdigest()
    assert record.created_by == bank.hr and record.finished_at is not None
    january = MonthlyFigure.objects.get(customer=customers["a"], year=2026, month=1)
    assert january.deposit_avg == Decimal("5000000.00")
    assert january.loan_avg == Decimal("1000000.50")
    assert (january.days, january.loan_class, january.figure_import) == (31, 1, record)
    march = MonthlyFigure.objects.get(customer=customers["b"], month=3)
    assert (march.loan_class, march.interest_arrears, march.overdue_days) == (
        3,
        Decimal("15.50"),
        40,
    )


def test_roll_ups_follow_the_figures(bank, customers):
    submit(
        bank.hr,
        csv_body(
            "A001,2026-01,3100,0,100,1,0,0,0",
            "A001,2026-02,2800,0,0,1,0,0,0",
            "A001,2026-03,0,500,0,2,0,5,0",
            "A001,2026-04,100,0,0,1,0,0,7",
        ),
    )
    roll_up = CustomerYearFigure.objects.get(customer=customers["a"], year=2026)
    assert roll_up.deposit_days_q1 == 100 * (31 * 3100 + 28 * 2800)  # fen-days
    assert roll_up.loan_days_q1 == 100 * 31 * 500
    assert roll_up.settlement_usd_q1 == 100 * 100  # US cents
    assert (roll_up.loan_class_end_q1, roll_up.overdue_days_max_q1) == (2, 5)
    assert not roll_up.non_performing_q1 and not roll_up.advances_q1
    assert roll_up.advances_q2 and roll_up.deposit_days_q2 == 100 * 30 * 100
    assert roll_up.deposit_days_q3 == 0 and roll_up.loan_class_end_q3 is None

    submit(bank.hr, csv_body("A001,2026-02,0,0,0,4,0,0,0"))  # February replaced
    roll_up.refresh_from_db()
    assert roll_up.deposit_days_q1 == 100 * 31 * 3100
    assert roll_up.non_performing_q1
    assert roll_up.advances_q2  # the other quarters are untouched


def test_the_same_month_imported_again_replaces_it(bank, customers):
    first = submit(bank.hr, csv_body("A001,2026-01,100,0,0,,0,0,0", "B001,2026-01,5,0,0,,0,0,0"))
    again = submit(bank.hr, csv_body("A001,2026-01,250,0,0,,0,0,0", "B001,2026-01,5,0,0,,0,0,0"))

    assert (again.rows_created, again.rows_updated) == (0, 2)
    figure = MonthlyFigure.objects.get(customer=customers["a"], year=2026, month=1)
    assert figure.deposit_avg == Decimal(250) and figure.figure_import == again
    assert MonthlyFigure.objects.count() == 2
    assert FigureImport.objects.filter(pk__in=[first.pk, again.pk]).count() == 2


def test_any_bad_row_saves_nothing_and_every_problem_names_row_and_column(bank, customers):
    record = submit(
        bank.hr,
        csv_body(
            "A001,2026-01,100,0,0,,0,0,0",
            "ZZZ9,2026-01,100,0,0,,0,0,0",
            "A001,2026-13,100,0,0,,0,0,0",
            "A001,2026-02,-5,0,0,,0,0,0",
            "A001,2026-03,5,0,0,6,0,0,0",
            "A001,2026-01,7,0,0,,0,0,0",
            "B001,2026-04,,0,0,,0,0,0",
        ),
    )

    assert record.status == ImportStatus.REJECTED
    assert MonthlyFigure.objects.count() == 0 and CustomerYearFigure.objects.count() == 0
    problems = [(error["row"], error["column"]) for error in record.errors]
    assert problems == [
        (3, "客户号"),
        (4, "月份"),
        (5, "日均存款(元)"),
        (6, "五级分类"),
        (7, "客户号"),
        (8, "日均存款(元)"),
    ]
    messages = {error["row"]: error["message"] for error in record.errors}
    assert "ZZZ9" in messages[3]
    assert "负" in messages[5]
    assert "1–5" in messages[6]
    assert "2026-01" in messages[7] and "2" in messages[7].replace("2026-01", "")


def test_a_missing_required_column_refuses_the_file(bank, customers):
    record = submit(bank.hr, b"customer_number,deposit_avg\nA001,5\n")
    assert record.status == ImportStatus.REJECTED
    assert {error["column"] for error in record.errors} == {"月份", "日均贷款(元)"}


def test_json_bodies_use_the_english_keys_and_number_items_from_one(bank, customers):
    body = (
        b'[{"customer_number": "A001", "month": "2026-05", "deposit_avg": 10.5, "loan_avg": 0},'
        b' {"customer_number": "A001", "month": "2026-06", "deposit_avg": -1, "loan_avg": 0}]'
    )
    record = submit(bank.integration, body, file_format="json", name="api")
    assert record.status == ImportStatus.REJECTED
    assert [(e["row"], e["column"]) for e in record.errors] == [(2, "deposit_avg")]


def test_a_unit_importer_only_reaches_its_own_customers(bank, customers):
    bank.hr.org_unit = bank.sub_a
    record = submit(bank.hr, csv_body("B001,2026-01,5,0,0,,0,0,0"))
    assert record.status == ImportStatus.REJECTED
    assert "B001" in record.errors[0]["message"]


def test_only_importers_may_import(bank, customers):
    with pytest.raises(PermissionDenied):
        submit(bank.head_a, csv_body("A001,2026-01,5,0,0,,0,0,0"))


def test_the_transfer_form_proposes_the_previous_half_years_average_as_baseline(
    client, bank, customers
):
    """R-CUS-4: the baseline defaults to the daily average of the six months before."""
    from datetime import date

    from customers.forms import TransferForm
    from performance.selectors import previous_half_year_deposit_avg

    submit(
        bank.hr,
        csv_body(
            "A001,2026-04,9999,0,0,,0,0,0",  # seven months before: not in the window
            "A001,2026-05,600,0,0,,0,0,0",  # 31 days
            "A001,2026-09,300,0,0,,0,0,0",  # 30 days
            "A001,2026-11,9999,0,0,,0,0,0",  # this month: not in the window
        ),
    )
    expected = (Decimal(31 * 600 + 30 * 300) / 61).quantize(Decimal("0.01"))
    assert previous_half_year_deposit_avg(customers["a"], date(2026, 11, 23)) == expected
    assert previous_half_year_deposit_avg(customers["b"], date(2026, 11, 23)) is None
    form = TransferForm(user=bank.head_a, customer=customers["a"])
    assert form.fields["baseline_deposit_avg"].initial == expected
