"""Prohibition acknowledgements, violation cases and disciplinary actions for the demo bank
(R-PRO-1…11, R-DIS-1…3). Deterministic (the demo bank's seeded generator); runs on SQLite
and PostgreSQL alike; called by `seed_demo` after the figures and the first evaluation.

- Most account managers acknowledged the 2026 catalogue (on paper, recorded by
  compliance); the "am" login has not, so the demo shows the button.
- Cases in every state, about account managers of the first sub-branch (where the demo's
  head, credit officer and AM log in), one with a confidential reporter.
- Detection runs on the demo's figures and 2026Q3 evaluation (yellow cards below the
  minimum line, admonishments for credit customers); a few proposals are decided, so an
  admonishment is in force (the roster shows the allowances at 50%).
No evidence files: the demo writes nothing to the media directory.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from customers.models import Assignment
from managers.demo import DEMO_TODAY, DemoBank
from managers.models import AccountManager

from . import case_services, discipline_services
from .case_selectors import ACKNOWLEDGING_STATUSES
from .choices_cases import ActionStatus, CaseStatus, DisciplineKind, Trigger
from .discipline import DisciplinaryAction
from .discipline_triggers import detect_all
from .prohibitions import Prohibition, ProhibitionAcknowledgement, current_fingerprint
from .violations import ViolationCase, ViolationStep

ACKNOWLEDGED_SHARE = 0.85

# (rule codes, place, description, reporter login, confidential, final status)
CASES = (
    (
        ["R-PRO-6"],
        "营业厅二号柜台",
        "客户经理在客户办理开户时代替客户在申请书上签字。",
        "officer",
        False,
        "confirmed",
    ),
    (
        ["R-PRO-8"],
        "客户经理办公室",
        "将客户信息表拍照发送至私人微信群。",
        "head",
        True,
        "investigating",
    ),
    (
        ["R-PRO-4"],
        "客户单位财务室",
        "疑似外出为客户办理取款业务。",
        "compliance",
        False,
        "dismissed",
    ),
    (
        ["R-PRO-2"],
        "高柜业务区",
        "监控显示客户经理违规进入高柜业务区。",
        "compliance",
        False,
        "confirmed",
    ),
    (["R-PRO-11"], "附近餐馆", "工作日中午饮酒。", "hr", True, "reported"),
    ([], "营业厅", "客户反映客户经理代为保管存折。", "officer", False, "reported"),
    (
        ["R-PRO-10"],
        "城东第1营业网点",
        "未办理工作交接即换岗。",
        "compliance",
        False,
        "investigating",
    ),
    (["R-PRO-3"], "自助银行", "为本人服务的客户代办转账业务。", "head", False, "confirmed"),
)
STEPS_TO = {
    "reported": [],
    "investigating": [CaseStatus.INVESTIGATING],
    "confirmed": [CaseStatus.INVESTIGATING, CaseStatus.CONFIRMED],
    "dismissed": [CaseStatus.INVESTIGATING, CaseStatus.DISMISSED],
}
STEP_NOTES = {
    CaseStatus.INVESTIGATING: "已调阅监控并约谈当事人。",
    CaseStatus.CONFIRMED: "经调查，违规事实清楚。",
    CaseStatus.DISMISSED: "经核实，反映情况不属实。",
}


def _at(day, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed_acknowledgements(bank: DemoBank) -> int:
    rng, compliance = bank.rng, bank.logins["compliance"]
    fingerprint = current_fingerprint()
    records = []
    managers = AccountManager.objects.filter(status__in=ACKNOWLEDGING_STATUSES).order_by("pk")
    for manager_id, user_id in managers.values_list("pk", "user_id"):
        if user_id is not None or rng.random() > ACKNOWLEDGED_SHARE:
            continue
        day = DEMO_TODAY.replace(month=1, day=1) + timedelta(days=rng.randint(5, 60))
        records.append(
            ProhibitionAcknowledgement(
                manager_id=manager_id,
                year=DEMO_TODAY.year,
                acknowledged_at=_at(day, 9),
                acknowledged_by=compliance,
                fingerprint=fingerprint,
            )
        )
    bulk_create_with_history(records, ProhibitionAcknowledgement, default_user=compliance)
    return len(records)


def seed_violation_cases(bank: DemoBank) -> list[ViolationCase]:
    rng, logins = bank.rng, bank.logins
    first_sub = bank.sub_branches[0]
    managers = list(
        AccountManager.objects.filter(unit__path__startswith=first_sub.path).order_by("pk")
    )
    rules = {rule.code: rule for rule in Prohibition.objects.all()}
    cases = []
    for index, (codes, place, text, reporter, confidential, final) in enumerate(CASES):
        manager = managers[(index * 3) % len(managers)]
        numbers = list(
            Assignment.objects.filter(manager=manager, end_date__isnull=True)
            .order_by("customer__number")
            .values_list("customer__number", flat=True)[: rng.randint(0, 2)]
        )
        occurred = DEMO_TODAY - timedelta(days=rng.randint(20, 200))
        case = case_services.case_report(
            actor=logins[reporter],
            manager=manager,
            rules=[rules[code] for code in codes],
            occurred_on=occurred,
            place=place,
            customer_numbers=numbers,
            description=text,
            confidential=confidential,
        )
        reported = occurred + timedelta(days=rng.randint(1, 5))
        moments = [_at(reported, 10)]
        for step, to_status in enumerate(STEPS_TO[final], start=1):
            case_services.case_advance(
                actor=logins["compliance"],
                case=case,
                to_status=to_status,
                note=STEP_NOTES[to_status],
            )
            moments.append(_at(reported + timedelta(days=3 * step), 15))
        # Back-date the report and its steps to the demo's calendar (no history needed).
        ViolationCase.objects.filter(pk=case.pk).update(reported_at=moments[0])
        for step, moment in zip(case.steps.order_by("at", "pk"), moments, strict=True):
            ViolationStep.objects.filter(pk=step.pk).update(at=moment)
        case.refresh_from_db()
        cases.append(case)
    return cases


def seed_discipline(bank: DemoBank, cases: list[ViolationCase]) -> None:
    """Detection on the demo's facts, then some decisions: a yellow card confirmed and one
    waived, an admonishment in force, and an action recorded from a confirmed case."""
    logins = bank.logins
    compliance, admin = logins["compliance"], logins["admin"]
    detect_all(DEMO_TODAY)
    proposals = DisciplinaryAction.objects.filter(status=ActionStatus.PROPOSED).order_by("pk")
    cards = list(proposals.filter(trigger=Trigger.BELOW_MINIMUM_LINE)[:2])
    if cards:
        discipline_services.action_confirm(
            actor=compliance,
            action=cards[0],
            start_date=DEMO_TODAY - timedelta(days=10),
            note="2026年三季度评定低于最低及格线。",
        )
    if len(cards) > 1:
        discipline_services.action_waive(
            actor=compliance, action=cards[1], note="新调入客户经理，管户移交未满一个季度。"
        )
    overdue = proposals.filter(trigger=Trigger.CREDIT_CUSTOMER).first()
    if overdue:
        discipline_services.action_confirm(
            actor=compliance,
            action=overdue,
            start_date=DEMO_TODAY - timedelta(days=17),
            note="管户授信客户逾期超过一个月。",
        )
    confirmed = [case for case in cases if case.status == CaseStatus.CONFIRMED]
    if confirmed:
        case = confirmed[0]
        recorded = discipline_services.action_record(
            actor=compliance,
            manager=case.manager,
            kind=DisciplineKind.ADMONISHMENT,
            reason="违反“十严禁”第六条，代客户签字（其他过失，诫勉）。",
            start_date=DEMO_TODAY - timedelta(days=5),
            case=case,
        )
        discipline_services.action_confirm(
            actor=admin, action=recorded, start_date=DEMO_TODAY - timedelta(days=5), note="同意。"
        )


def seed_cases(bank: DemoBank) -> None:
    seed_acknowledgements(bank)
    cases = seed_violation_cases(bank)
    seed_discipline(bank, cases)
