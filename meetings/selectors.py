"""Read side of meetings (R-MTG-1…3), shared by pages, the API and detection.

Everything a user reaches is scoped with `restrict(user)`, and set-based: a list costs a
fixed number of queries whatever its length.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from managers.choices import ManagerStatus, Role
from managers.models import AccountManager, OrgUnit, User

from .access import HOSTS
from .choices import LeaveStatus
from .models import Attendance, LeaveRequest, Meeting, MeetingType, Member, MinutesScore
from .rules import Schedule

# Who is expected at a unit's meetings (R-MTG-1 [000]: "参加人员包括各单位信贷专管员…及全体
# 客户经理"): its account managers in post (active or trainee; stood-down and exited ones
# are not), and its credit officers. The director hosts and is not on the register.
EXPECTED_MANAGER_STATUSES = (ManagerStatus.ACTIVE, ManagerStatus.TRAINEE)


def local_zone():
    """Meetings are held and counted in the bank's time zone (Asia/Shanghai)."""
    return timezone.get_default_timezone()


def expected_managers() -> QuerySet[AccountManager]:
    return AccountManager.objects.filter(status__in=EXPECTED_MANAGER_STATUSES)


def expected_officers() -> QuerySet[User]:
    return User.objects.filter(role=Role.CREDIT_OFFICER, is_active=True)


def meeting_units() -> QuerySet[OrgUnit]:
    """R-MTG-1: the units that hold meetings: every unit with account managers in post."""
    return OrgUnit.objects.filter(Exists(expected_managers().filter(unit=OuterRef("pk"))))


def meeting_units_for(user) -> QuerySet[OrgUnit]:
    return meeting_units().restrict(user)


@dataclass(frozen=True)
class ExpectedMember:
    member: Member
    name: str
    number: str  # employee number, or the login of a credit officer
    is_officer: bool = False


def expected_members(unit: OrgUnit) -> list[ExpectedMember]:
    """The register of a unit's meeting: account managers, then credit officers."""
    managers = expected_managers().filter(unit=unit).order_by("employee_number")
    officers = expected_officers().filter(org_unit=unit).order_by("username")
    return [
        ExpectedMember(Member(manager_id=m.pk), m.name, m.employee_number) for m in managers
    ] + [
        ExpectedMember(Member(staff_id=u.pk), u.get_full_name(), u.username, is_officer=True)
        for u in officers
    ]


def hosts_for(user) -> QuerySet[User]:
    """Directors and credit officers the user may name as a meeting's host (R-MTG-1)."""
    return User.objects.restrict(user).filter(role__in=HOSTS, is_active=True).order_by("username")


def types_for_recording() -> QuerySet[MeetingType]:
    return MeetingType.objects.active()


def schedules(types) -> list[Schedule]:
    return [Schedule(t.cadence, t.weekday, t.starts_at, t.ends_by) for t in types]


# --- meetings and attendance -----------------------------------------------------------------


def meetings_for(user) -> QuerySet[Meeting]:
    """Meetings in scope, each with its attendance counts and minutes score (one query)."""
    return (
        Meeting.objects.restrict(user)
        .select_related("unit", "meeting_type", "combined_with", "host", "minutes_score")
        .annotate(
            expected_count=Count("attendance"),
            late_count=Count("attendance", filter=Q(attendance__status="late")),
            absent_count=Count("attendance", filter=Q(attendance__status="absent")),
            leave_count=Count("attendance", filter=Q(attendance__status="on_leave")),
            left_early_count=Count("attendance", filter=Q(attendance__status="left_early")),
        )
        .order_by("-starts_at", "-pk")
    )


def attendance_for(user) -> QuerySet[Attendance]:
    return Attendance.objects.restrict(user).select_related(
        "meeting__unit", "meeting__meeting_type", "manager", "staff", "leave"
    )


def register_of(meeting: Meeting, user) -> list[Attendance]:
    """The meeting's register as the user may see it (an account manager: their own row)."""
    return list(
        attendance_for(user)
        .filter(meeting=meeting)
        .order_by(F("staff_id").asc(nulls_first=True), "manager__employee_number")
    )


# --- leave ------------------------------------------------------------------------------------


def leave_requests_for(user) -> QuerySet[LeaveRequest]:
    return LeaveRequest.objects.restrict(user).select_related(
        "manager", "staff", "unit", "requested_by", "decided_by"
    )


def approved_leave(members, day: date) -> dict[Member, LeaveRequest]:
    """The approved leave covering `day` of each of `members` that has one (one query)."""
    members = list(members)
    manager_ids = [m.manager_id for m in members if m.manager_id]
    staff_ids = [m.staff_id for m in members if m.staff_id]
    leaves = LeaveRequest.objects.filter(
        Q(manager_id__in=manager_ids) | Q(staff_id__in=staff_ids),
        status=LeaveStatus.APPROVED,
        date_from__lte=day,
        date_to__gte=day,
    ).order_by("date_from", "pk")
    return {leave.member: leave for leave in leaves}


def leave_people_for(user) -> tuple[QuerySet[AccountManager], QuerySet[User]]:
    """Whom the user may ask leave for (R-MTG-2): an account manager only themselves; a
    credit officer themselves and the account managers of their scope; heads and
    administrators the account managers and credit officers of their scope."""
    if user.role == Role.ACCOUNT_MANAGER:
        return expected_managers().filter(user=user), User.objects.none()
    managers = expected_managers().restrict(user).order_by("name")
    if user.role == Role.CREDIT_OFFICER:
        return managers, User.objects.filter(pk=user.pk)
    return managers, expected_officers().restrict(user).order_by("username")


# --- minutes ----------------------------------------------------------------------------------


def minutes_scores_for(user) -> QuerySet[MinutesScore]:
    return MinutesScore.objects.restrict(user).select_related(
        "meeting__unit", "meeting__meeting_type", "reviewer"
    )
