"""Recording meetings and their sign-in register (R-MTG-1…3): validate everything, then
save the meeting and one attendance row per expected member in one transaction, with
history, and bring the meeting's fine proposals up to date (R-DIS-4). A bad input saves
nothing."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from managers.models import OrgUnit, User
from managers.writes import save_validated

from . import discipline
from .access import HOSTS, may_record
from .models import Attendance, Meeting, MeetingType, Member
from .rules import attendance_outcome
from .selectors import approved_leave, expected_members, local_zone

EDITABLE = ("starts_at", "ends_at", "host", "place", "study", "reports", "priorities", "minutes")


@dataclass(frozen=True)
class SignIn:
    """A member's sign-in (and early leaving) time. Members without one are absent, or
    on leave when approved leave covers the day."""

    member: Member
    signed_in_at: datetime | None = None
    left_at: datetime | None = None


def recorder_refusal(user) -> str | None:
    if not may_record(user):
        return _("Only the unit's director or credit officer records meetings.")
    return None


def _local_date(moment: datetime):
    return timezone.localtime(moment, local_zone()).date()


def _check_host(unit: OrgUnit, host: User | None) -> str | None:
    """R-MTG-1: the director hosts, or the credit officer in their absence: a head or
    credit officer of the unit or of a unit above it."""
    if host is None:
        return _("Name the host.")
    if not (
        host.is_active
        and host.role in HOSTS
        and host.org_unit_id
        and unit.path.startswith(host.org_unit.path)
    ):
        return _("The host is the unit's director or, in their absence, its credit officer.")
    return None


def _check_times(starts_at: datetime, ends_at: datetime, errors: dict) -> None:
    if ends_at <= starts_at:
        errors["ends_at"] = _("A meeting cannot end before it starts.")
    if starts_at > timezone.now():
        errors["starts_at"] = _("A meeting is recorded once it has started.")


def _check_types(meeting_type: MeetingType, combined_with: MeetingType | None, errors) -> None:
    if not meeting_type.is_active:
        errors["meeting_type"] = _("This meeting type is no longer in use.")
    if combined_with is None:
        return
    if combined_with.pk == meeting_type.pk:
        errors["combined_with"] = _("A meeting cannot be combined with its own type.")
    elif not (combined_with.may_combine or meeting_type.may_combine):
        errors["combined_with"] = _(
            "Neither of these meetings may be combined with another (R-MTG-3)."
        )


def _check_sign_ins(
    sign_ins: list[SignIn], names: dict[Member, str], starts_at, ends_at
) -> list[str]:
    """R-MTG-2: only expected members sign in, once, on the day, before the end."""
    problems, seen = [], set()
    day = _local_date(starts_at)
    for sign_in in sign_ins:
        name = names.get(sign_in.member)
        if name is None:
            problems.append(
                _("%(who)s is not expected at this meeting: only its register signs in.")
                % {"who": sign_in.member.key}
            )
            continue
        if sign_in.member in seen:
            problems.append(_("%(name)s is signed in twice.") % {"name": name})
        seen.add(sign_in.member)
        if sign_in.signed_in_at is None:
            if sign_in.left_at is not None:
                problems.append(_("%(name)s left without signing in.") % {"name": name})
            continue
        if _local_date(sign_in.signed_in_at) != day:
            problems.append(_("%(name)s signed in on another day.") % {"name": name})
        elif sign_in.signed_in_at >= ends_at:
            problems.append(
                _("%(name)s signed in after the meeting ended: leave the time empty (absent).")
                % {"name": name}
            )
        if sign_in.left_at is not None and sign_in.left_at <= sign_in.signed_in_at:
            problems.append(_("%(name)s cannot leave before signing in.") % {"name": name})
    return problems


def _apply(row: Attendance, meeting: Meeting, sign_in: SignIn | None, leave) -> Attendance:
    row.signed_in_at = sign_in.signed_in_at if sign_in else None
    row.left_at = sign_in.left_at if sign_in else None
    outcome = attendance_outcome(
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        signed_in_at=row.signed_in_at,
        left_at=row.left_at,
        on_leave=leave is not None,
    )
    row.status, row.minutes_late = outcome.status, outcome.minutes_late
    row.leave = leave if row.signed_in_at is None else None
    return row


def _write_register(meeting: Meeting, members: list[Member], sign_ins, actor, *, rows=None):
    by_member = {s.member: s for s in sign_ins}
    leaves = approved_leave(members, meeting.date)
    if rows is None:
        new = [
            _apply(
                Attendance(meeting=meeting, manager_id=m.manager_id, staff_id=m.staff_id),
                meeting,
                by_member.get(m),
                leaves.get(m),
            )
            for m in members
        ]
        bulk_create_with_history(new, Attendance, default_user=actor)
        return
    for row in rows:
        _apply(row, meeting, by_member.get(row.member), leaves.get(row.member))
    fields = ["signed_in_at", "left_at", "status", "minutes_late", "leave"]
    bulk_update_with_history(rows, Attendance, fields, default_user=actor)


@transaction.atomic
def meeting_record(
    *,
    actor,
    unit: OrgUnit,
    meeting_type: MeetingType,
    starts_at: datetime,
    ends_at: datetime,
    host: User,
    place: str,
    study: str = "",
    reports: str = "",
    priorities: str = "",
    minutes: str = "",
    combined_with: MeetingType | None = None,
    sign_ins: Iterable[SignIn] = (),
) -> Meeting:
    """R-MTG-1…3: a meeting held by `unit`, with a register of every expected member."""
    refusal = recorder_refusal(actor)
    if refusal:
        raise PermissionDenied(refusal)
    errors = {}
    sign_ins = list(sign_ins)
    register = []
    if not OrgUnit.objects.restrict(actor).filter(pk=unit.pk).exists():
        errors["unit"] = _("Choose a unit in your scope.")
    else:
        register = expected_members(unit)
        if not register:
            errors["unit"] = _("This unit has no account managers, so it holds no meetings.")
    if host_error := _check_host(unit, host):
        errors["host"] = host_error
    _check_times(starts_at, ends_at, errors)
    _check_types(meeting_type, combined_with, errors)
    names = {entry.member: entry.name for entry in register}
    if problems := _check_sign_ins(sign_ins, names, starts_at, ends_at):
        errors["attendance"] = problems
    if errors:
        raise ValidationError(errors)
    meeting = Meeting(
        unit=unit,
        meeting_type=meeting_type,
        combined_with=combined_with,
        starts_at=starts_at,
        ends_at=ends_at,
        host=host,
        place=place,
        study=study,
        reports=reports,
        priorities=priorities,
        minutes=minutes,
        recorded_by=actor,
    )
    save_validated(meeting, actor)
    _write_register(meeting, list(names), sign_ins, actor)
    discipline.meeting_discipline_sync(meeting)
    return meeting


def meetings_writable_by(actor):
    return Meeting.objects.restrict(actor).select_related("unit", "meeting_type", "host")


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, sign_ins: Iterable[SignIn] | None = None, **changes):
    """Correct a recorded meeting: its times on the same day, host, place, content, the
    combined type and the sign-ins of its register (`None`: keep them). Statuses and fine
    proposals follow."""
    refusal = recorder_refusal(actor)
    if refusal:
        raise PermissionDenied(refusal)
    meeting = (
        meetings_writable_by(actor).select_for_update(of=("self",)).filter(pk=meeting.pk).first()
    )
    if meeting is None:
        raise PermissionDenied(_("This meeting is outside your scope."))
    unknown = set(changes) - {*EDITABLE, "combined_with"}
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    day = meeting.date
    for name, value in changes.items():
        setattr(meeting, name, value)
    errors = {}
    if "host" in changes and (host_error := _check_host(meeting.unit, meeting.host)):
        errors["host"] = host_error
    _check_times(meeting.starts_at, meeting.ends_at, errors)
    if "starts_at" not in errors and _local_date(meeting.starts_at) != day:
        errors["starts_at"] = _("A meeting stays on the day it was held.")
    if "combined_with" in changes:
        _check_types(meeting.meeting_type, meeting.combined_with, errors)
        errors.pop("meeting_type", None)
    rows = list(meeting.attendance.select_related("manager", "staff"))
    names = {row.member: row.person_name for row in rows}
    if sign_ins is None:
        sign_ins = [SignIn(row.member, row.signed_in_at, row.left_at) for row in rows]
    sign_ins = list(sign_ins)
    if problems := _check_sign_ins(sign_ins, names, meeting.starts_at, meeting.ends_at):
        errors["attendance"] = problems
    if errors:
        raise ValidationError(errors)
    save_validated(meeting, actor)
    _write_register(meeting, list(names), sign_ins, actor, rows=rows)
    discipline.meeting_discipline_sync(meeting)
    return meeting


def attendance_sign_in(
    *, actor, attendance: Attendance, signed_in_at: datetime | None, left_at: datetime | None
) -> Attendance:
    """One member's sign-in on a recorded register (e.g. arriving after it was saved)."""
    rows = list(attendance.meeting.attendance.all())
    sign_ins = [
        SignIn(row.member, signed_in_at, left_at)
        if row.pk == attendance.pk
        else SignIn(row.member, row.signed_in_at, row.left_at)
        for row in rows
    ]
    meeting_update(actor=actor, meeting=attendance.meeting, sign_ins=sign_ins)
    return Attendance.objects.get(pk=attendance.pk)
