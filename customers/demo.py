"""Customers of the demo bank: corporate and personal customers with valid-looking
personal data, single and split assignments, a few unassigned, transfers through the
real service, and recent visits and outings. Deterministic and written in bulk."""

import math
import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from managers.choices import ManagerStatus
from managers.demo import DEMO_TODAY, DemoBank, chinese_name
from managers.models import AccountManager, OrgUnit

from . import services
from .choices import CreditBasis, CustomerKind, CustomerSource, CustomerTier, VisitMethod
from .models import Assignment, Customer, Outing, Visit
from .validators import resident_id_check_char

INDUSTRIES = [
    "科技",
    "贸易",
    "制造",
    "建设",
    "物流",
    "医药",
    "食品",
    "电子",
    "纺织",
    "化工",
    "能源",
    "环保",
    "农业",
    "文化",
    "餐饮",
    "机械",
    "材料",
    "汽配",
]
SUFFIXES = ("有限公司", "股份有限公司", "有限责任公司", "集团有限公司")
PURPOSES = (
    "了解资金需求",
    "营销对公结算账户",
    "贷后检查",
    "催收到期利息",
    "推介企业网银",
    "续贷沟通",
)
TIER_FLOORS = [  # R-CUS-5 by deposits (standard deposits in the evaluation issue)
    (Decimal("200000000"), CustomerTier.DIAMOND),
    (Decimal("50000000"), CustomerTier.PLATINUM),
    (Decimal("5000000"), CustomerTier.GOLD),
    (Decimal("500000"), CustomerTier.SILVER),
]


def _tier(deposits: Decimal) -> str:
    return next((tier for floor, tier in TIER_FLOORS if deposits >= floor), CustomerTier.BRONZE)


def _resident_id(rng: random.Random) -> str:
    birth = DEMO_TODAY - timedelta(days=rng.randint(22 * 365, 65 * 365))
    first_17 = f"110105{birth:%Y%m%d}{rng.randint(0, 999):03d}"
    return first_17 + resident_id_check_char(first_17)


def _money(rng: random.Random, median: float, sigma: float = 1.4) -> Decimal:
    return Decimal(round(math.exp(rng.gauss(math.log(median), sigma)), 2)).quantize(Decimal("0.01"))


def _customer(rng: random.Random, number: int, unit: OrgUnit) -> Customer:
    corporate = rng.random() < 0.6
    deposits = _money(rng, 3_000_000 if corporate else 200_000)
    has_loans = rng.random() < (0.3 if corporate else 0.1)
    return Customer(
        number=f"{'C' if corporate else 'P'}{number:09d}",
        name=(
            f"{unit.name[:2]}{rng.choice(INDUSTRIES)}{rng.choice(INDUSTRIES)}{rng.choice(SUFFIXES)}"
            if corporate
            else chinese_name(rng)
        ),
        kind=CustomerKind.CORPORATE if corporate else CustomerKind.PERSONAL,
        is_credit=has_loans,
        unit=unit,
        opened_on=DEMO_TODAY - timedelta(days=rng.randint(30, 15 * 365)),
        has_basic_account=corporate and rng.random() < 0.5,
        source=rng.choices(list(CustomerSource), [40, 35, 10, 15])[0],
        tier=_tier(deposits),
        contact_person=chinese_name(rng),
        id_number=_resident_id(rng),
        phone=f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}",
        deposit_daily_avg=deposits,
        loan_balance=_money(rng, 5_000_000) if has_loans else Decimal("0"),
    )


def seed_customers(bank: DemoBank, per_manager: int, rng: random.Random) -> None:
    managers = list(
        AccountManager.objects.exclude(status=ManagerStatus.EXITED).select_related("unit")
    )
    by_sub_branch: dict[str, list[AccountManager]] = {}
    for manager in managers:
        by_sub_branch.setdefault(manager.unit.path[: bank.branch.steplen * 3], []).append(manager)
    customers = []
    for manager in managers:
        for _ in range(per_manager):
            customers.append(_customer(rng, len(customers) + 1, manager.unit))
    customers = bulk_create_with_history(customers, Customer, batch_size=5000)
    hr = bank.logins["hr"]
    assignments = []
    for customer in customers:
        roll = rng.random()
        if roll < 0.04:
            continue  # unassigned: for the head's 分田到户 list
        team = [
            m
            for m in by_sub_branch[customer.unit.path[: bank.branch.steplen * 3]]
            if not (customer.is_credit and m.status == ManagerStatus.TRAINEE)
        ]
        holders = rng.sample(team, 2 if roll < 0.19 and len(team) > 1 else 1)
        shares = [Decimal("1")] if len(holders) == 1 else [Decimal("0.8"), Decimal("0.2")]
        for manager, share in zip(holders, shares, strict=True):
            assignments.append(
                Assignment(
                    customer=customer,
                    manager=manager,
                    credit_share=share,
                    basis=CreditBasis.WHOLE,
                    start_date=max(
                        customer.opened_on, DEMO_TODAY.replace(year=2024, month=1, day=1)
                    ),
                    created_by=hr,
                )
            )
    bulk_create_with_history(assignments, Assignment, batch_size=5000, default_user=hr)
    _transfers(bank, rng)
    _visits_and_outings(managers, rng)


def _transfers(bank: DemoBank, rng: random.Random) -> None:
    """A few handovers through the real service, so baselines and bases are consistent."""
    head = bank.logins["head"]
    held = list(
        Assignment.objects.restrict(head)
        .filter(credit_share=1, end_date__isnull=True)
        .select_related("customer", "manager")[:200]
    )
    for assignment in rng.sample(held, min(8, len(held))):
        colleagues = (
            AccountManager.objects.restrict(head)
            .filter(status=ManagerStatus.ACTIVE)
            .exclude(pk=assignment.manager_id)
        )
        services.customer_transfer(
            actor=head,
            customer=assignment.customer,
            from_manager=assignment.manager,
            to_manager=rng.choice(list(colleagues)),
            transfer_date=DEMO_TODAY - timedelta(days=60),
            baseline_deposit_avg=assignment.customer.deposit_daily_avg,
            increase_share=Decimal("0.6"),
            reason="原客户经理调岗，客户移交。",
        )


def _visits_and_outings(managers: list[AccountManager], rng: random.Random) -> None:
    holdings: dict[int, list[int]] = {}
    for manager_id, customer_id in Assignment.objects.filter(end_date__isnull=True).values_list(
        "manager_id", "customer_id"
    ):
        holdings.setdefault(manager_id, []).append(customer_id)
    visits, outings = [], []
    zone = timezone.get_default_timezone()
    for manager in managers:
        customers = holdings.get(manager.pk, [])
        if not customers:
            continue
        for day in range(1, 61):
            date = DEMO_TODAY - timedelta(days=day)
            if date.weekday() >= 5 or rng.random() < 0.6:
                continue
            customer_id = rng.choice(customers)
            left = datetime.combine(date, time(9 + rng.randint(0, 5), 0), zone)
            outing = Outing(
                manager=manager,
                customer_id=customer_id,
                destination="客户办公地点",
                purpose=rng.choice(PURPOSES),
                left_at=left,
                expected_return_at=left + timedelta(hours=2),
                returned_at=None
                if rng.random() < 0.05
                else left + timedelta(hours=rng.choice((1, 2, 3))),
            )
            outings.append(outing)
            visits.append(
                Visit(
                    manager=manager,
                    customer_id=customer_id,
                    method=rng.choices(list(VisitMethod), [60, 25, 5, 10])[0],
                    visited_at=left + timedelta(minutes=30),
                    person_met=chinese_name(rng),
                    person_department="财务部",
                    person_position=rng.choice(("财务总监", "会计", "总经理")),
                    purpose=outing.purpose,
                    outcome="客户经营正常，资金需求已记录。",
                    next_steps="下周跟进方案。",
                    outing=outing,
                )
            )
    bulk_create_with_history(outings, Outing, batch_size=5000)
    for visit in visits:
        visit.outing_id = visit.outing.pk
    bulk_create_with_history(visits, Visit, batch_size=5000)
