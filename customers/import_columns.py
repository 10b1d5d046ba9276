"""The columns of a customer import file (R-CUS-1…4, R-CUS-7): Chinese headers, the
English keys also accepted, which are required, how each cell is parsed, and the help
text of the template."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from .import_cells import (
    KIND_WORDS,
    SOURCE_WORDS,
    choice_parser,
    code_parser,
    normalised,
    parse_amount,
    parse_bool,
    parse_date,
    parse_id_number,
    parse_phone,
    parse_share,
    text_parser,
)


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the template's header: part of the file format, not translated
    parse: Callable
    example: object = ""
    required: bool = False
    text: bool = False  # formatted as text in the template (long digit strings)

    @property
    def help(self) -> Promise:
        return HELP[self.key]


HELP = {
    "number": gettext_lazy(
        "Core-banking customer number. A customer already registered is updated, "
        "a new one is created."
    ),
    "name": gettext_lazy("Full name of the enterprise or person."),
    "kind": gettext_lazy("对公 (corporate) or 个人 (personal)."),
    "is_credit": gettext_lazy(
        "是 if the customer has a credit line (授信), otherwise 否. "
        "Trainees may not hold credit customers (R-GRD-5)."
    ),
    "unit_code": gettext_lazy(
        "Code of the org unit where the account was opened; it must be within your units."
    ),
    "opened_on": gettext_lazy("Date the account was opened: YYYY-MM-DD or a date cell."),
    "has_basic_account": gettext_lazy(
        "是 if the customer's basic account (基本户) is with us, otherwise 否."
    ),
    "source": gettext_lazy(
        "自然增长, 自己营销, 公共资源 or 他人移交; it sets the main account manager's "
        "minimum share (R-CUS-4)."
    ),
    "contact_person": gettext_lazy("Contact person at the customer."),
    "id_number": gettext_lazy(
        "18-character resident ID number (personal data, R-CUS-7); the check digit is "
        "verified. Keep the column formatted as text."
    ),
    "phone": gettext_lazy("Mainland mobile number, 11 digits (personal data, R-CUS-7)."),
    "deposit_daily_avg": gettext_lazy("Daily-average deposits in yuan (not 万元), 0 or more."),
    "loan_balance": gettext_lazy("Loan balance in yuan (not 万元), 0 or more."),
    "main_manager": gettext_lazy(
        "Employee number of the main account manager (管户), within your units. "
        "Leave empty to assign the customer later."
    ),
    "main_share": gettext_lazy(
        "Main account manager's credit share: 60%, 0.6 or 60; at least the minimum "
        "for the customer's source (R-CUS-4)."
    ),
    "second_manager": gettext_lazy("Employee number of a second account manager (协管), optional."),
    "second_share": gettext_lazy(
        "Second account manager's share; all shares together at most 100%."
    ),
}
KINDS = choice_parser(KIND_WORDS, "对公、个人")
SOURCES = choice_parser(SOURCE_WORDS, "自然增长、自己营销、公共资源、他人移交")
COLUMNS = (
    # key, header, parser, example, required, formatted as text in the template
    Column("number", "客户号", code_parser(32), "C00012345", required=True, text=True),
    Column("name", "客户名称", text_parser(200), "江南机械制造有限公司", required=True),
    Column("kind", "客户类型", KINDS, "对公", required=True),
    Column("is_credit", "授信客户", parse_bool, "否"),
    Column("unit_code", "机构代码", code_parser(20), "", required=True, text=True),
    Column("opened_on", "开户日期", parse_date, date(2024, 3, 1), required=True),
    Column("has_basic_account", "基本户", parse_bool, "是"),
    Column("source", "客户来源", SOURCES, "自然增长", required=True),
    Column("contact_person", "联系人", text_parser(100), "张伟"),
    Column("id_number", "证件号码", parse_id_number, "11010519491231002X", text=True),
    Column("phone", "手机号码", parse_phone, "13812345678", text=True),
    Column("deposit_daily_avg", "日均存款(元)", parse_amount, Decimal("600000.00")),
    Column("loan_balance", "贷款余额(元)", parse_amount, Decimal("0.00")),
    Column("main_manager", "主管客户经理工号", code_parser(20), "", text=True),
    Column("main_share", "主管认领比例", parse_share, "60%"),
    Column("second_manager", "协管客户经理工号", code_parser(20), "", text=True),
    Column("second_share", "协管认领比例", parse_share, ""),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
CUSTOMER_FIELDS = (
    "name",
    "kind",
    "is_credit",
    "opened_on",
    "has_basic_account",
    "source",
    "contact_person",
    "id_number",
    "phone",
    "deposit_daily_avg",
    "loan_balance",
)


def header_key(value) -> str:
    return re.sub(r"\s+", "", normalised(value)).lower().strip("*")


HEADER_KEYS = {
    alias: column.key
    for column in COLUMNS
    for alias in (
        header_key(column.header),
        header_key(column.header.removesuffix("(元)")),
        column.key,
    )
}
