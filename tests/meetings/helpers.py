"""Builders shared by the meeting tests."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from managers.models import AccountManager
from meetings import services
from meetings.models import MeetingType, Member

SHANGHAI = ZoneInfo("Asia/Shanghai")
# The 2026 National Day holiday: 1–7 October off; Sunday 20 September and Saturday
# 10 October are adjusted working days (R-DIS-4: the official calendar).
WED_30_SEP = date(2026, 9, 30)
NATIONAL_DAY = date(2026, 10, 1)
SUN_20_SEP = date(2026, 9, 20)
SAT_10_OCT = date(2026, 10, 10)
SUN_11_OCT = date(2026, 10, 11)
MON_12_OCT = date(2026, 10, 12)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI)


def member(person) -> Member:
    if isinstance(person, AccountManager):
        return Member(manager_id=person.pk)
    return Member(staff_id=person.pk)


def meeting_type(code: str = "morning") -> MeetingType:
    return MeetingType.objects.get(code=code)


def record(
    actor,
    unit,
    day: date,
    *,
    code: str = "morning",
    start=(7, 50),
    end=(8, 30),
    host=None,
    signed=None,
    **extra,
):
    """Record a meeting through the service. `signed` maps a person (AccountManager or
    User) to their sign-in (hour, minute) or to ((h, m), (h, m)) with a leaving time."""
    sign_ins = []
    for person, times in (signed or {}).items():
        if times and isinstance(times[0], tuple):
            arrived, left = times
            sign_ins.append(services.SignIn(member(person), at(day, *arrived), at(day, *left)))
        else:
            sign_ins.append(services.SignIn(member(person), at(day, *times) if times else None))
    return services.meeting_record(
        actor=actor,
        unit=unit,
        meeting_type=meeting_type(code),
        starts_at=at(day, *start),
        ends_at=at(day, *end),
        host=host or actor,
        place="信贷工作区",
        study="学习十严禁",
        reports="汇报走访",
        priorities="到期贷款催收",
        minutes="晨会纪要",
        sign_ins=sign_ins,
        **extra,
    )
