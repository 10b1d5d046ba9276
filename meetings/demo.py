"""Meetings of the demo bank: three months (August–October 2026, across the National Day
holiday and its adjusted working days) of morning meetings on every working day, weekly
meetings on Wednesdays, monthly communication and analysis meetings, with realistic gaps:
a few days a unit held none, some lateness, early leaving and absence, leave approved in
advance; minutes scores of the third quarter's sample; and the fine proposals detection
makes of all that (R-MTG-1…3, R-DIS-4), some confirmed, some waived, some pending.

Deterministic (`bank.rng`), written in bulk, anchored on DEMO_TODAY; runs on SQLite and
PostgreSQL. Units without a director of their own get one (a login-less unit head), so
every meeting has a host; outlets are hosted by their sub-branch's director (R-MTG-1).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from compliance.fine_choices import FineStatus
from compliance.fines import FineProposal
from managers.choices import OrgUnitKind, Role
from managers.demo import DEMO_TODAY, DemoBank, chinese_name
from managers.models import OrgUnit, User
from managers.working_days import WorkingCalendar

from .choices import LeaveStatus
from .defaults import install_default_types
from .discipline import directors_by_unit, discipline_detect
from .models import Attendance, LeaveRequest, Meeting, MeetingType, MinutesScore
from .reports import sampled_meeting_ids
from .rules import attendance_outcome
from .selectors import expected_members, local_zone, meeting_units

START, END = date(2026, 8, 1), DEMO_TODAY - timedelta(days=1)
GAP, LATE, ABSENT, LEFT_EARLY, LEAVE = 0.025, 0.05, 0.01, 0.008, 0.025
STUDY = ("学习《客户经理管理办法》", "学习反洗钱相关规定", "学习信贷业务操作规程", "学习十严禁条款")
REPORTS = (
    "汇报昨日客户走访情况",
    "汇报贷款到期及续贷进展",
    "反映客户融资需求及困难",
    "汇报存款营销进展",
)
PRIORITIES = (
    "今日重点：到期贷款催收",
    "今日重点：对公账户营销",
    "今日重点：贷后检查",
    "今日重点：企业网银推广",
)
LEAVE_REASONS = ("病假", "事假：家中有事", "外出培训", "年休假")
WAIVE_NOTES = ("经核实系客户紧急业务，予以免罚", "系统签到异常，予以免罚")


@dataclass
class Plan:
    unit: OrgUnit
    meeting_type: MeetingType
    day: date
    start: time
    minutes: int
    combined_with: MeetingType | None = None


def at(day: date, moment: time, minutes: int = 0) -> datetime:
    base = timezone.make_aware(datetime.combine(day, moment), local_zone())
    return base + timedelta(minutes=minutes)


def _ensure_directors(units: list[OrgUnit], rng) -> None:
    """A login-less unit head for every sub-branch that has none (outlets fall back to
    their sub-branch's head: `discipline.directors_by_unit`)."""
    have = set(User.objects.filter(role=Role.UNIT_HEAD).values_list("org_unit_id", flat=True))
    heads = []
    for unit in units:
        if unit.kind == OrgUnitKind.SUB_BRANCH and unit.pk not in have:
            name = chinese_name(rng)
            head = User(
                username=f"head{unit.code}",
                last_name=name[0],
                first_name=name[1:],
                role=Role.UNIT_HEAD,
                org_unit=unit,
            )
            head.set_unusable_password()
            heads.append(head)
    bulk_create_with_history(heads, User, batch_size=2000)


def _plans(units, types, calendar, rng) -> list[Plan]:
    """What each unit held: morning meetings with a few gaps, weekly meetings of the
    sub-branches on Wednesdays, and one communication meeting a month, with the analysis
    meeting held together or on its own day."""
    plans = []
    days = list(calendar.working_days())
    for unit in units:
        for day in days:
            if rng.random() >= GAP:
                plans.append(Plan(unit, types["morning"], day, time(7, 50), rng.randint(25, 40)))
            if unit.kind != OrgUnitKind.SUB_BRANCH:
                continue
            if day.weekday() == 2 and rng.random() < 0.9:
                plans.append(Plan(unit, types["weekly"], day, time(7, 30), 30))
        if unit.kind != OrgUnitKind.SUB_BRANCH:
            continue
        for month in (8, 9, 10):
            month_days = [d for d in days if d.month == month]
            day, other = rng.sample(month_days, 2)
            combined = rng.random() < 0.4
            plans.append(
                Plan(
                    unit,
                    types["communication"],
                    day,
                    time(17, 0),
                    60,
                    types["analysis"] if combined else None,
                )
            )
            if not combined:
                plans.append(Plan(unit, types["analysis"], other, time(17, 0), 60))
    return plans


def _meeting(plan: Plan, host: User, recorder: User, rng) -> Meeting:
    starts = at(plan.day, plan.start)
    return Meeting(
        unit=plan.unit,
        meeting_type=plan.meeting_type,
        combined_with=plan.combined_with,
        date=plan.day,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=plan.minutes),
        host=host,
        place=f"{plan.unit.name}信贷工作区",
        study=rng.choice(STUDY),
        reports=rng.choice(REPORTS),
        priorities=rng.choice(PRIORITIES),
        minutes=f"{plan.meeting_type.name}：{rng.choice(STUDY)}；{rng.choice(REPORTS)}。",
        recorded_by=recorder,
    )


def _sign_in(meeting: Meeting, roll: float, rng):
    """(signed in, left) for a roll of the dice: absent, late, left early or on time."""
    if roll < ABSENT:
        return None, None
    if roll < ABSENT + LATE:
        return meeting.starts_at + timedelta(minutes=rng.randint(1, 15)), None
    signed_in = meeting.starts_at - timedelta(minutes=rng.randint(0, 12))
    if roll < ABSENT + LATE + LEFT_EARLY:
        return signed_in, meeting.ends_at - timedelta(minutes=rng.randint(5, 15))
    return signed_in, None


def _registers(meetings, members_of, directors, rng):
    """Leave asked and approved the day before, and every member's sign-in."""
    leaves, rows, on_leave = [], [], {}
    for meeting in meetings:
        for entry in members_of[meeting.unit_id]:
            member, roll = entry.member, rng.random()
            leave = on_leave.get((member, meeting.date))
            if leave is None and roll > 1 - LEAVE and meeting.meeting_type.code == "morning":
                asked = at(meeting.date - timedelta(days=1), time(17, 0))
                leave = LeaveRequest(
                    manager_id=member.manager_id,
                    staff_id=member.staff_id,
                    unit_id=meeting.unit_id,
                    date_from=meeting.date,
                    date_to=meeting.date,
                    reason=rng.choice(LEAVE_REASONS),
                    status=LeaveStatus.APPROVED,
                    requested_by=directors[meeting.unit_id],
                    requested_at=asked,
                    decided_by=directors[meeting.unit_id],
                    decided_at=asked + timedelta(minutes=30),
                )
                leaves.append(leave)
                on_leave[member, meeting.date] = leave
            signed_in, left = (None, None) if leave else _sign_in(meeting, roll, rng)
            outcome = attendance_outcome(
                starts_at=meeting.starts_at,
                ends_at=meeting.ends_at,
                signed_in_at=signed_in,
                left_at=left,
                on_leave=leave is not None,
            )
            rows.append(
                (
                    leave,
                    Attendance(
                        meeting=meeting,
                        manager_id=member.manager_id,
                        staff_id=member.staff_id,
                        signed_in_at=signed_in,
                        left_at=left,
                        status=outcome.status,
                        minutes_late=outcome.minutes_late,
                    ),
                )
            )
    bulk_create_with_history(leaves, LeaveRequest, batch_size=2000)
    for leave, row in rows:
        row.leave = leave
    bulk_create_with_history([row for _, row in rows], Attendance, batch_size=5000)
    return leaves


def _scores(admin, reviewer, rng) -> int:
    """R-MTG-3: the credit line scores most of the third quarter's sample."""
    sample = sampled_meeting_ids(admin, 2026, 3)
    scores = [
        MinutesScore(
            meeting_id=pk,
            reviewer=reviewer,
            score=rng.randint(62, 98),
            note=rng.choice(("记录完整", "内容较简略", "签到表齐全", "")),
        )
        for pk in sorted(sample)
        if rng.random() < 0.7
    ]
    bulk_create_with_history(scores, MinutesScore, batch_size=2000, default_user=reviewer)
    return len(scores)


def _decide(compliance, rng) -> None:
    """Compliance has decided most proposals up to September; October's are pending."""
    decided = []
    now = at(DEMO_TODAY - timedelta(days=3), time(10, 0))
    for proposal in FineProposal.objects.filter(day__lt=date(2026, 10, 1)).order_by("pk"):
        roll = rng.random()
        if roll < 0.65:
            proposal.status, proposal.note = FineStatus.CONFIRMED, ""
        elif roll < 0.9:
            proposal.status, proposal.note = FineStatus.WAIVED, rng.choice(WAIVE_NOTES)
        else:
            continue
        proposal.decided_by, proposal.decided_at = compliance, now
        decided.append(proposal)
    fields = ["status", "note", "decided_by", "decided_at"]
    bulk_update_with_history(
        decided, FineProposal, fields, batch_size=2000, default_user=compliance
    )


@transaction.atomic
def seed_meetings(bank: DemoBank) -> dict:
    rng = bank.rng
    if not MeetingType.objects.filter(code="morning").exists():
        install_default_types(MeetingType)
    types = {t.code: t for t in MeetingType.objects.all()}
    units = list(meeting_units().order_by("path"))
    _ensure_directors(units, rng)
    director_ids = directors_by_unit(units)
    users = User.objects.in_bulk({pk for ids in director_ids.values() for pk in ids})
    directors = {unit.pk: users[director_ids[unit.pk][0]] for unit in units}
    members_of = {unit.pk: expected_members(unit) for unit in units}
    calendar = WorkingCalendar.between(START, END)
    plans = _plans(units, types, calendar, rng)
    meetings = [
        _meeting(plan, directors[plan.unit.pk], directors[plan.unit.pk], rng) for plan in plans
    ]
    meetings = bulk_create_with_history(meetings, Meeting, batch_size=2000)
    leaves = _registers(meetings, members_of, directors, rng)
    scored = _scores(bank.logins["admin"], bank.logins["compliance"], rng)
    detection = discipline_detect(start=START, end=END, now=at(DEMO_TODAY, time(9, 0)))
    _decide(bank.logins["compliance"], rng)
    return {
        "meetings": len(meetings),
        "leave": len(leaves),
        "minutes_scores": scored,
        "fine_proposals": detection.counts.created,
        "days_without_morning_meeting": len(detection.missing),
    }
