"""Reading one cell of an import file (pure, no database): the ways people write shares,
amounts, dates, yes/no, kinds and sources, and what is refused."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from customers import import_cells, imports
from customers.import_cells import CellError


@pytest.mark.parametrize(
    ("value", "share"),
    [
        ("60%", "0.6"),
        ("60 %", "0.6"),
        ("６０％", "0.6"),
        (0.6, "0.6"),
        ("0.6", "0.6"),
        (60, "0.6"),
        ("60", "0.6"),
        (1, "1"),
        ("100%", "1"),
        (33.333, "0.3333"),
        (1 / 3, "0.3333"),
    ],
)
def test_shares(value, share):
    assert import_cells.parse_share(value) == Decimal(share)


@pytest.mark.parametrize("value", ["0", "0%", "101%", "-5", "六成", "", "nan", True, 150])
def test_bad_shares(value):
    with pytest.raises(CellError):
        import_cells.parse_share(value)


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        ("600000", "600000.00"),
        ("1,234,567.891", "1234567.89"),
        ("１２３４５６．７８", "123456.78"),
        ("１２３，４５６", "123456.00"),
        ("¥12.5", "12.50"),
        ("12.5元", "12.50"),
        (1234.5, "1234.50"),
        (0, "0.00"),
        (10**15, "1000000000000000.00"),
    ],
)
def test_amounts(value, amount):
    assert str(import_cells.parse_amount(value)) == amount


@pytest.mark.parametrize("value", ["-1", -0.01, "abc", "600万", "1e400", "NaN", "Infinity", True])
def test_bad_amounts(value):
    with pytest.raises(CellError):
        import_cells.parse_amount(value)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2024-03-01", date(2024, 3, 1)),
        ("2024/3/1", date(2024, 3, 1)),
        ("2024年3月1日", date(2024, 3, 1)),
        ("２０２４－０３－０１", date(2024, 3, 1)),
        ("20240301", date(2024, 3, 1)),
        ("2024-03-01 00:00:00", date(2024, 3, 1)),
        (datetime(2024, 3, 1, 0, 0), date(2024, 3, 1)),
        (date(2024, 3, 1), date(2024, 3, 1)),
    ],
)
def test_dates(value, day):
    assert import_cells.parse_date(value) == day


@pytest.mark.parametrize("value", ["2024-02-30", "01/03/2024", "昨天", 45352, 45352.0])
def test_bad_dates(value):
    with pytest.raises(CellError):
        import_cells.parse_date(value)


@pytest.mark.parametrize(
    ("value", "answer"),
    [("是", True), ("否", False), ("Y", True), ("n", False), ("TRUE", True), ("false", False),
     (1, True), (0, False), (1.0, True), (True, True), (False, False)],
)  # fmt: skip
def test_yes_and_no(value, answer):
    assert import_cells.parse_bool(value) is answer


def test_kinds_and_sources():
    kind, source = imports.COLUMN_BY_KEY["kind"].parse, imports.COLUMN_BY_KEY["source"].parse
    assert kind("对公") == kind("Corporate") == kind("对公客户") == "corporate"
    assert kind("个人") == kind("personal") == "personal"
    assert source("他人移交") == source("transferred") == "transferred"
    assert source("公共资源户") == "public"
    with pytest.raises(CellError):
        kind("企业")
    with pytest.raises(CellError):
        source("朋友介绍")


def test_personal_data():
    assert import_cells.parse_id_number("11010519491231002x") == "11010519491231002X"
    assert (
        import_cells.parse_id_number(" １１０１０５１９４９１２３１００２Ｘ ")
        == "11010519491231002X"
    )
    with pytest.raises(CellError):
        import_cells.parse_id_number("110105194912310021")  # wrong check digit
    with pytest.raises(CellError):
        import_cells.parse_id_number(1.1010519491231002e17)  # Excel rounded it
    assert import_cells.parse_phone(13812345678) == "13812345678"
    assert import_cells.parse_phone(13812345678.0) == "13812345678"
    assert import_cells.parse_phone("+86 138-1234-5678") == "13812345678"
    for bad in ("12812345678", "1381234567", "021-12345678"):
        with pytest.raises(CellError):
            import_cells.parse_phone(bad)


def test_codes_keep_their_text():
    code = imports.COLUMN_BY_KEY["number"].parse
    assert code(12345) == "12345" and code(12345.0) == "12345" and code(" Ｃ１ ") == "C1"
    with pytest.raises(CellError):
        code(1.5)
    with pytest.raises(CellError):
        code("C" * 33)


def test_names_keep_full_width_brackets():
    name = imports.COLUMN_BY_KEY["name"].parse
    assert name(" 江南机械（集团）有限公司 ") == "江南机械（集团）有限公司"


def test_headers_accept_chinese_english_and_full_width_brackets():
    lines = iter(
        [
            (1, ("客户号", "name", "KIND", "机构代码", "开户日期", "客户来源", "日均存款（元）")),
            (2, ("C1", "甲", "对公", "U1", "2024-01-01", "自然增长", "5")),
        ]
    )
    parsed = imports.parse_lines(lines)
    assert parsed.headers["deposit_daily_avg"] == "日均存款（元）"
    assert parsed.rows[0].values["deposit_daily_avg"] == Decimal("5.00")
    assert not parsed.errors


def test_a_share_without_a_manager_and_a_second_without_a_main():
    header = tuple(column.header for column in imports.COLUMNS)
    values = dict.fromkeys(header, "")
    values |= {"客户号": "C1", "客户名称": "甲", "客户类型": "对公", "机构代码": "U1",
               "开户日期": "2024-01-01", "客户来源": "自然增长", "主管认领比例": "60%",
               "协管客户经理工号": "T2", "协管认领比例": "10%"}  # fmt: skip
    parsed = imports.parse_lines(iter([(1, header), (2, tuple(values.values()))]))
    assert {(e.row, e.column) for e in parsed.errors} == {
        (2, "主管客户经理工号"),
        (2, "协管客户经理工号"),
    }
