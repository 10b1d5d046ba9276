"""The demo bank of the managers app: org tree, one login per role, account managers.

Deterministic: the same size gives the same bank (names, dates, statuses), so demos and
benchmarks can be compared. Dates are anchored on DEMO_TODAY, not on the clock.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from rest_framework.authtoken.models import Token
from simple_history.utils import bulk_create_with_history

from .choices import Education, ManagerLine, ManagerStatus, OrgUnitKind, Role
from .demo_grades import seed_grades
from .models import AccountManager, OrgUnit, User

DEMO_TODAY = date(2026, 11, 1)
DEMO_PASSWORD = "Demo@2026"
HEAD_OFFICE_CODE = "100000"

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉晨宇浩然欣"
    "怡思雨佳琪子轩梓涵一诺雅婷嘉文博俊凯健鑫颖婧瑶琳璐慧"
)
DISTRICTS = [
    "城东",
    "城西",
    "城南",
    "城北",
    "高新",
    "开发区",
    "滨江",
    "湖滨",
    "新城",
    "老城",
    "江北",
    "江南",
    "港口",
    "东湖",
    "西湖",
    "南山",
    "北山",
    "金桥",
    "银河",
    "临江",
]
DEPARTMENTS = (
    ("公司业务部", "01"),
    ("个人金融部", "02"),
    ("普惠金融部", "03"),
    ("人力资源部", "04"),
    ("风险合规部", "05"),
)


@dataclass(frozen=True)
class DemoSize:
    sub_branches: int
    outlets_per_sub_branch: int
    managers_per_sub_branch: int
    customers_per_manager: int


SIZES = {
    "small": DemoSize(
        sub_branches=4,
        outlets_per_sub_branch=2,
        managers_per_sub_branch=15,
        customers_per_manager=50,
    ),
    "bench": DemoSize(
        sub_branches=100,
        outlets_per_sub_branch=2,
        managers_per_sub_branch=50,
        customers_per_manager=10,
    ),
}


@dataclass
class DemoBank:
    head_office: OrgUnit
    branch: OrgUnit
    sub_branches: list[OrgUnit] = field(default_factory=list)
    logins: dict[str, User] = field(default_factory=dict)
    size: DemoSize | None = None
    rng: random.Random | None = None


def chinese_name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def _sub_branch_name(index: int) -> str:
    district = DISTRICTS[index % len(DISTRICTS)]
    round_ = index // len(DISTRICTS)
    return f"{district}{'' if round_ == 0 else round_ + 1}支行"


def build_org_tree(size: DemoSize) -> DemoBank:
    units = OrgUnit.objects
    head_office = units.add_root(
        {"code": HEAD_OFFICE_CODE, "name": "总行", "kind": OrgUnitKind.HEAD_OFFICE}
    )
    branch = units.add_child(
        head_office, {"code": "110000", "name": "江南分行", "kind": OrgUnitKind.BRANCH}
    )
    for name, suffix in DEPARTMENTS:
        units.add_child(
            branch, {"code": f"1100{suffix}", "name": name, "kind": OrgUnitKind.DEPARTMENT}
        )
    bank = DemoBank(head_office=head_office, branch=branch)
    for i in range(size.sub_branches):
        code = f"11{i + 1:02d}00" if i < 99 else f"12{i - 98:02d}00"
        sub = units.add_child(
            branch, {"code": code, "name": _sub_branch_name(i), "kind": OrgUnitKind.SUB_BRANCH}
        )
        for j in range(size.outlets_per_sub_branch):
            outlet = {
                "code": f"{code[:4]}{j + 1:02d}",
                "name": f"{sub.name[:-2]}第{j + 1}营业网点",
                "kind": OrgUnitKind.OUTLET,
            }
            units.add_child(sub, outlet)
        bank.sub_branches.append(sub)
    return bank


def make_manager(rng: random.Random, number: int, unit: OrgUnit) -> AccountManager:
    """An unsaved account manager with plausible, seeded data."""
    hire = DEMO_TODAY - timedelta(days=rng.randint(120, 18 * 365))
    in_first_year = (DEMO_TODAY - hire).days < 365
    status = (
        ManagerStatus.TRAINEE
        if in_first_year
        else rng.choices(
            [ManagerStatus.ACTIVE, ManagerStatus.STOOD_DOWN, ManagerStatus.EXITED], [92, 5, 3]
        )[0]
    )
    return AccountManager(
        employee_number=f"E{number:06d}",
        name=chinese_name(rng),
        line=rng.choices(list(ManagerLine), [45, 35, 20])[0],
        unit=unit,
        hire_date=hire,
        marketing_since=hire + timedelta(days=rng.randint(0, 400)) if not in_first_year else hire,
        education=rng.choices(list(Education), [3, 22, 60, 14, 1])[0],
        status=status,
    )


def build_managers(bank: DemoBank, size: DemoSize, rng: random.Random) -> list[AccountManager]:
    outlets_by_sub = {sub.pk: list(OrgUnit.objects.get_children(sub)) for sub in bank.sub_branches}
    managers = []
    for sub in bank.sub_branches:
        units = [sub, *outlets_by_sub[sub.pk]]
        for k in range(size.managers_per_sub_branch):
            managers.append(make_manager(rng, len(managers) + 1, units[k % len(units)]))
    return bulk_create_with_history(managers, AccountManager, batch_size=2000)


def _login(username: str, name: str, role: Role, unit: OrgUnit, **extra) -> User:
    user = User(
        username=username,
        last_name=name[0],
        first_name=name[1:],
        role=role,
        org_unit=unit,
        **extra,
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def build_logins(bank: DemoBank, rng: random.Random) -> dict[str, User]:
    first_sub = bank.sub_branches[0]
    logins = {
        "admin": _login(
            "admin", "系统管理员", Role.ADMIN, bank.head_office, is_staff=True, is_superuser=True
        ),
        "head": _login("head", chinese_name(rng), Role.UNIT_HEAD, first_sub),
        "officer": _login("officer", chinese_name(rng), Role.CREDIT_OFFICER, first_sub),
        "hr": _login("hr", chinese_name(rng), Role.HR, bank.branch),
        "compliance": _login("compliance", chinese_name(rng), Role.COMPLIANCE, bank.branch),
        "api": _login("api", "接口用户", Role.INTEGRATION, bank.branch),
    }
    manager = AccountManager.objects.filter(unit=first_sub, status=ManagerStatus.ACTIVE).first()
    logins["am"] = _login("am", manager.name, Role.ACCOUNT_MANAGER, first_sub)
    manager.user = logins["am"]
    manager.save(update_fields=["user"])
    Token.objects.create(user=logins["api"])
    return logins


@transaction.atomic
def seed(size_name: str = "small") -> DemoBank:
    size = SIZES[size_name]
    rng = random.Random(f"demo-bank-{size_name}")
    bank = build_org_tree(size)
    bank.size = size
    managers = build_managers(bank, size, rng)
    bank.logins = build_logins(bank, rng)
    seed_grades(managers, bank.logins, rng)
    bank.rng = rng
    return bank


def is_seeded() -> bool:
    return OrgUnit.objects.filter(code=HEAD_OFFICE_CODE).exists()
