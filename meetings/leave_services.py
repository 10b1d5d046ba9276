"""Leave from meetings (R-MTG-2): asked in advance by the account manager or credit
officer (or recorded for them by their credit officer or head), approved by the unit head
before the first meeting of its first day starts. Leave asked or approved after the fact
counts as absence (R-DIS-4), so both are refused then, and nothing is saved."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from managers.working_days import WorkingCalendar
from managers.writes import save_validated

from .access import may_approve_leave, may_ask_leave
from .choices import LeaveStatus
from .models import LeaveRequest, Meeting, MeetingType, Member
from .rules import leave_deadline
from .selectors import leave_people_for, leave_requests_for, local_zone, schedules


def first_meeting_start(unit_id: int, day: date) -> datetime | None:
    """When the first meeting of `day` starts for the unit: the earliest scheduled start
    (R-MTG-1, R-MTG-3) or an earlier recorded meeting. None when no timed meeting falls on
    the day."""
    zone = local_zone()
    working = WorkingCalendar.between(day, day).is_working_day(day)
    scheduled = leave_deadline(day, schedules(MeetingType.objects.active()), working_day=working)
    starts = []
    if scheduled is not None:
        starts.append(timezone.make_aware(datetime.combine(day, scheduled), zone))
    recorded = Meeting.objects.filter(unit_id=unit_id, date=day).aggregate(first=Min("starts_at"))
    if recorded["first"] is not None:
        starts.append(recorded["first"])
    return min(starts, default=None)


def _too_late(unit_id: int, day: date, now: datetime) -> datetime | None:
    """The meeting start that `now` is already past (or the day's end), else None."""
    start = first_meeting_start(unit_id, day)
    if start is not None:
        return start if now >= start else None
    local = timezone.localtime(now, local_zone())
    return local if local.date() > day else None


def _late_message(day: date, moment: datetime, *, approving: bool) -> str:
    values = {
        "day": date_format(day, "Y-m-d"),
        "time": timezone.localtime(moment, local_zone()).strftime("%H:%M"),
    }
    if approving:
        text = _(
            "Leave is approved before the meeting starts (%(day)s %(time)s). Leave approved "
            "after the fact counts as absence (R-DIS-4)."
        )
    else:
        text = _(
            "Leave is asked before the meeting starts (%(day)s %(time)s). Leave asked after "
            "the fact counts as absence (R-DIS-4)."
        )
    return text % values


def _person(actor, member: Member):
    managers, officers = leave_people_for(actor)
    if member.manager_id:
        return managers.select_related("unit").filter(pk=member.manager_id).first()
    return officers.select_related("org_unit").filter(pk=member.staff_id).first()


@transaction.atomic
def leave_request(
    *,
    actor,
    member: Member,
    date_from: date,
    date_to: date,
    reason: str,
    now: datetime | None = None,
) -> LeaveRequest:
    if not may_ask_leave(actor):
        raise PermissionDenied(_("Your role does not ask leave from meetings."))
    now = now or timezone.now()
    errors = {}
    person = _person(actor, member)
    if person is None:
        errors["person"] = _("Choose yourself or someone of your unit.")
    if date_to < date_from:
        errors["date_to"] = _("The leave cannot end before it starts.")
    unit_id = None
    if person is not None:
        unit_id = person.unit_id if member.manager_id else person.org_unit_id
        if moment := _too_late(unit_id, date_from, now):
            errors["date_from"] = _late_message(date_from, moment, approving=False)
        overlapping = LeaveRequest.objects.filter(
            Q(manager_id=member.manager_id) if member.manager_id else Q(staff_id=member.staff_id),
            status__in=(LeaveStatus.REQUESTED, LeaveStatus.APPROVED),
            date_from__lte=date_to,
            date_to__gte=date_from,
        )
        if overlapping.exists():
            errors["date_from"] = _("This person already has leave asked for these days.")
    if errors:
        raise ValidationError(errors)
    leave = LeaveRequest(
        manager_id=member.manager_id,
        staff_id=member.staff_id,
        unit_id=unit_id,
        date_from=date_from,
        date_to=date_to,
        reason=reason.strip(),
        requested_by=actor,
        requested_at=now,
    )
    return save_validated(leave, actor)


def _decidable(actor, leave: LeaveRequest) -> LeaveRequest:
    if not may_approve_leave(actor):
        raise PermissionDenied(_("Only the unit head approves leave."))
    locked = leave_requests_for(actor).select_for_update(of=("self",)).filter(pk=leave.pk).first()
    if locked is None:
        raise PermissionDenied(_("This leave request is outside your scope."))
    if locked.status != LeaveStatus.REQUESTED:
        raise ValidationError(
            _("This leave was already decided: %(status)s.")
            % {"status": locked.get_status_display()}
        )
    return locked


@transaction.atomic
def leave_approve(
    *, actor, leave: LeaveRequest, note: str = "", now: datetime | None = None
) -> LeaveRequest:
    """R-MTG-2: approved by the head before the first meeting of the leave starts."""
    locked = _decidable(actor, leave)
    now = now or timezone.now()
    if moment := _too_late(locked.unit_id, locked.date_from, now):
        raise ValidationError({"status": _late_message(locked.date_from, moment, approving=True)})
    return _decide(locked, actor, LeaveStatus.APPROVED, note, now)


@transaction.atomic
def leave_reject(*, actor, leave: LeaveRequest, note: str, now: datetime | None = None):
    locked = _decidable(actor, leave)
    if not (note or "").strip():
        raise ValidationError({"decision_note": _("Say why the leave is refused.")})
    return _decide(locked, actor, LeaveStatus.REJECTED, note, now or timezone.now())


def _decide(leave: LeaveRequest, actor, status: str, note: str, now) -> LeaveRequest:
    leave.status = status
    leave.decided_by = actor
    leave.decided_at = now
    leave.decision_note = note.strip()
    return save_validated(leave, actor)
