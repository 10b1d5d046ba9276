"""Work journals of the demo bank (R-JNL-1): three months up to DEMO_TODAY, one per
working day on the official calendar for each active account manager, with realistic
gaps: some days missing (a few of them left as drafts), some submitted late, most
reviewed by the sub-branch's head (or its credit officer) with the next day's work,
and the last working day still waiting in the head's review queue.

Deterministic (`bank.rng`) and written in bulk with history rows; runs on SQLite too.
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from .choices import JournalStatus, ManagerStatus, Role
from .demo import DEMO_PASSWORD, DEMO_TODAY, DemoBank, chinese_name
from .models import AccountManager, JournalReview, OrgUnit, User, WorkJournal
from .working_days import WorkingCalendar

MONTHS = 3
SECTIONS = {
    "credit_marketing": (
        "走访{c}，了解流动资金贷款需求，初步意向300万元。",
        "为{c}准备续贷材料，已与风险部门沟通授信方案。",
        "跟进{c}的项目贷款需求，收集近三年财务报表。",
    ),
    "intermediary_marketing": (
        "向{c}推介代发工资业务，客户表示考虑。",
        "为{c}办理保函业务咨询，已报送产品方案。",
        "营销理财产品两笔，合计50万元。",
    ),
    "ebanking_marketing": (
        "为{c}开通企业网银，指导完成首笔转账。",
        "推广手机银行，新增签约5户。",
        "协助{c}开通银企直连。",
    ),
    "npl_recovery": ("与不良贷款户协商还款计划，对方承诺月底前归还10万元。",),
    "interest_collection": ("电话催收两户欠息，一户已结清。", "上门催收{c}本季利息。"),
    "post_loan_checks": (
        "对{c}开展贷后检查，经营正常，抵押物状况良好。",
        "逾期贷款户电话催收，已发送催收通知书。",
    ),
    "results": (
        "新增对公结算账户1户，日均存款预计增加200万元。",
        "完成贷后检查2户，营销意向客户3户。",
        "新开企业网银1户，理财销售50万元。",
    ),
    "lessons": ("提前准备材料、了解客户行业特点，沟通效率明显提高。", "营销要抓住客户决策人。"),
    "difficulties": ("部分客户对贷款利率较为敏感。", "授信审批周期较长，客户有意见。", ""),
}
OPTIONAL = {"npl_recovery": 0.15, "interest_collection": 0.3, "post_loan_checks": 0.5}
OPINIONS = (
    "已阅。工作扎实，继续保持。",
    "已阅。注意跟进授信客户的还款来源。",
    "已阅。营销意向客户要尽快落实。",
    "已阅。贷后检查要留存影像资料。",
    "已阅，同意。",
)
NEXT_DAY_WORK = (
    "上午参加晨会后走访重点客户，下午整理续贷材料。",
    "催收到期利息，完成两户贷后检查。",
    "跟进意向客户开户事宜，周五前报送授信资料。",
    "配合支行开展存款营销活动。",
)


def period() -> tuple[date, date]:
    """Three whole months before DEMO_TODAY's month, up to the day before it."""
    month = DEMO_TODAY.month - MONTHS
    year = DEMO_TODAY.year + (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1), DEMO_TODAY - timedelta(days=1)


def _at(day: date, hour: int, minute: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _sections(rng: random.Random, customer: str) -> dict[str, str]:
    texts = {}
    for name, options in SECTIONS.items():
        if rng.random() < OPTIONAL.get(name, 1):
            texts[name] = rng.choice(options).format(c=customer)
    return texts


def _reviewers(bank: DemoBank) -> dict[str, list[User]]:
    """Sub-branch path → who reviews its journals: its unit head (created for the
    sub-branches that have none yet), and its credit officer if any."""
    staff = User.objects.filter(
        role__in=(Role.UNIT_HEAD, Role.CREDIT_OFFICER), org_unit__in=bank.sub_branches
    ).order_by("role", "pk")
    found: dict[int, list[User]] = {}
    for user in staff:
        found.setdefault(user.org_unit_id, []).append(user)
    reviewers = {}
    for sub in bank.sub_branches:
        people = sorted(found.get(sub.pk, []), key=lambda u: u.role != Role.UNIT_HEAD)
        if not people or people[0].role != Role.UNIT_HEAD:
            people.insert(0, _head_of(sub))
        reviewers[sub.path] = people
    return reviewers


def _head_of(sub: OrgUnit) -> User:
    name = chinese_name(random.Random(f"head-{sub.code}"))  # leaves bank.rng's stream alone
    head = User(
        username=f"head-{sub.code}",
        last_name=name[0],
        first_name=name[1:],
        role=Role.UNIT_HEAD,
        org_unit=sub,
    )
    head.set_password(DEMO_PASSWORD)
    head.save()
    return head


class _Writer:
    """Builds one manager's journals and reviews in memory."""

    def __init__(self, bank: DemoBank, calendar: WorkingCalendar, days: list[date]):
        self.rng, self.calendar = bank.rng, calendar
        self.last_day, self.last_week = days[-1], days[-5]
        self.journals: list[WorkJournal] = []
        self.reviews: list[tuple[int, JournalReview]] = []  # (journal index, review)

    def manager(self, manager: AccountManager, days: list[date], reviewers: list[User]):
        rng = self.rng
        diligence = rng.uniform(0.85, 0.99)
        lateness = rng.uniform(0.02, 0.15)
        for day in days:
            if day < manager.hire_date:
                continue
            roll = rng.random()
            if roll > diligence:  # missing; now and then a draft never submitted
                if rng.random() < 0.2:
                    self._journal(manager, day, JournalStatus.DRAFT, None)
                continue
            if rng.random() < lateness:
                submitted = _at(day + timedelta(days=1), rng.randint(8, 10), rng.randint(0, 59))
            else:
                submitted = _at(day, rng.randint(17, 21), rng.randint(0, 59))
            reviewed = self._reviewed(day)
            status = JournalStatus.REVIEWED if reviewed else JournalStatus.SUBMITTED
            self._journal(manager, day, status, submitted)
            if reviewed:
                self._review(day, submitted, reviewers)

    def _reviewed(self, day: date) -> bool:
        """Heads review nearly everything within days; the last working day, a share of
        the last week and a rare older journal still wait in the queue."""
        if day >= self.last_day:
            return False
        chance = 0.7 if day >= self.last_week else 0.99
        return self.rng.random() < chance

    def _journal(self, manager, day, status, submitted_at):
        customer = f"{manager.unit.name[:2]}{self.rng.choice(('科技', '贸易', '制造'))}公司"
        self.journals.append(
            WorkJournal(
                manager=manager,
                day=day,
                status=status,
                submitted_at=submitted_at,
                **_sections(self.rng, customer),
            )
        )

    def _review(self, day: date, submitted: datetime, reviewers: list[User]):
        rng = self.rng
        work_day = self.calendar.add_working_days(day, 1)
        reviewer = reviewers[0] if len(reviewers) == 1 or rng.random() < 0.8 else reviewers[1]
        reviewed_at = max(submitted, _at(work_day, 8, 0)) + timedelta(minutes=rng.randint(5, 90))
        review = JournalReview(
            reviewer=reviewer,
            opinion=rng.choice(OPINIONS),
            next_day_work=rng.choice(NEXT_DAY_WORK) if rng.random() < 0.6 else "",
            work_day=work_day,
            reviewed_at=reviewed_at,
        )
        self.reviews.append((len(self.journals) - 1, review))


def seed_journals(bank: DemoBank) -> None:
    start, end = period()
    calendar = WorkingCalendar.between(start, end + timedelta(days=30))
    days = list(calendar.working_days(start, end))
    reviewers = _reviewers(bank)
    steplen = bank.branch.steplen
    writer = _Writer(bank, calendar, days)
    managers = (
        AccountManager.objects.filter(status__in=(ManagerStatus.ACTIVE, ManagerStatus.TRAINEE))
        .select_related("unit")
        .order_by("pk")
    )
    for manager in managers:
        sub_path = manager.unit.path[: steplen * 3]
        if sub_path in reviewers:
            writer.manager(manager, days, reviewers[sub_path])
    journals = bulk_create_with_history(writer.journals, WorkJournal, batch_size=5000)
    for index, review in writer.reviews:
        review.journal_id = journals[index].pk
    reviews = [review for _index, review in writer.reviews]
    bulk_create_with_history(reviews, JournalReview, batch_size=5000)
