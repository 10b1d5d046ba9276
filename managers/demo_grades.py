"""Grade history of the demo bank: a 2025 appointment for everyone, a 2026 renewal,
promotion or demotion, exits, trainees on their trainee grade, and a few proposals
awaiting approval. Written in bulk (with history rows) so the bench size stays fast."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from . import grade_rules
from .choices import GradeChangeKind, GradeChangeStatus, ManagerStatus
from .grade_services import grade_change_propose
from .models import AccountManager, GradeAppointment, GradeChange, GradeLevel, User

FIRST_TERM = date(2025, 1, 1)
SECOND_TERM = date(2026, 1, 1)


def _initial_rank(years: int, rng: random.Random) -> int:
    """Ranks of the default scheme: 2 = L4 … 6 = senior."""
    if years < 3:
        return rng.choice((2, 2, 3))
    if years < 6:
        return rng.choice((3, 3, 4))
    if years < 10:
        return rng.choice((4, 4, 5))
    return rng.choice((5, 5, 6))


def _decided_at(effective: date) -> datetime:
    return timezone.make_aware(datetime.combine(effective - timedelta(days=10), time(10, 0)))


class _History:
    """Collects approved changes and their appointments for one bulk write."""

    def __init__(self, proposer_for, decider_for):
        self.proposer_for, self.decider_for = proposer_for, decider_for
        self.changes: list[GradeChange] = []
        self.appointments: list[GradeAppointment] = []

    def add(self, manager, kind, from_level, to_level, effective, reason):
        proposer = self.proposer_for(manager)
        change = GradeChange(
            manager=manager,
            kind=kind,
            from_level=from_level,
            to_level=to_level,
            effective_date=effective,
            reason=reason,
            status=GradeChangeStatus.APPROVED,
            authority=(to_level or from_level).approval_authority,
            proposed_by=proposer,
            decided_by=self.decider_for(proposer),
            decided_at=_decided_at(effective),
            opinion="同意。",
        )
        self.changes.append(change)
        if to_level is None:
            return None
        appointment = GradeAppointment(
            manager=manager,
            level=to_level,
            start_date=effective,
            end_date=grade_rules.term_end(effective, 12),
            change=change,
        )
        self.appointments.append(appointment)
        return appointment


def seed_grades(managers: list[AccountManager], logins: dict[str, User], rng: random.Random):
    record_grade_history(managers, logins, rng)
    _open_proposals(logins, _active_levels())


def _active_levels() -> dict[int, GradeLevel]:
    return {level.rank: level for level in GradeLevel.objects.filter(scheme__is_active=True)}


def record_grade_history(
    managers: list[AccountManager], logins: dict[str, User], rng: random.Random
) -> None:
    """Approved changes and appointments for `managers`, written in bulk."""
    levels = _active_levels()
    trainee_level = next(level for level in levels.values() if level.is_trainee)
    head, hr, admin = logins["head"], logins["hr"], logins["admin"]
    head_units = head.org_unit.path
    history = _History(
        proposer_for=lambda m: head if m.unit.path.startswith(head_units) else hr,
        decider_for=lambda proposer: hr if proposer == head else admin,
    )
    top = max(levels)
    for manager in managers:
        if manager.status == ManagerStatus.TRAINEE:
            start = manager.marketing_since or manager.hire_date
            manager.current_appointment = history.add(
                manager,
                GradeChangeKind.APPOINT,
                None,
                trainee_level,
                start,
                "新入行客户经理见习聘任。",
            )
            continue
        years = grade_rules.full_years(manager.marketing_since or manager.hire_date, FIRST_TERM)
        first = levels[_initial_rank(years, rng)]
        current = history.add(
            manager, GradeChangeKind.APPOINT, None, first, FIRST_TERM, "2025年度客户经理等级聘任。"
        )
        if manager.status == ManagerStatus.EXITED:
            history.add(
                manager,
                GradeChangeKind.EXIT,
                first,
                None,
                SECOND_TERM,
                "未达在岗最低及格线，退出客户经理序列（R-ELG-4）。",
            )
            manager.current_appointment = None
            continue
        roll = rng.random()
        if roll < 0.15 and first.rank < top:
            kind, second, reason = (
                GradeChangeKind.PROMOTE,
                levels[first.rank + 1],
                "年度考核称职，达到上一等级任职条件，升等考试合格。",
            )
        elif roll < 0.25 and first.rank > 2:
            kind, second, reason = (
                GradeChangeKind.DEMOTE,
                levels[first.rank - 1],
                "未达到本等级任职条件，予以低聘。",
            )
        else:
            kind, second, reason = GradeChangeKind.RENEW, first, "年度考核称职，续聘。"
        current.end_date = SECOND_TERM - timedelta(days=1)
        manager.current_appointment = history.add(manager, kind, first, second, SECOND_TERM, reason)

    bulk_create_with_history(history.changes, GradeChange, batch_size=2000, default_user=hr)
    for appointment in history.appointments:
        appointment.change_id = appointment.change.pk
    bulk_create_with_history(
        history.appointments, GradeAppointment, batch_size=2000, default_user=hr
    )
    for manager in managers:
        if manager.current_appointment is not None:
            manager.current_appointment_id = manager.current_appointment.pk
    bulk_update_with_history(
        managers, AccountManager, ["current_appointment"], batch_size=2000, default_user=hr
    )


def _open_proposals(logins: dict[str, User], levels: dict[int, GradeLevel]) -> None:
    """A few proposals in the head's sub-branch wait for a decision."""
    head = logins["head"]
    candidates = (
        AccountManager.objects.restrict(head)
        .filter(status=ManagerStatus.ACTIVE, current_appointment__level__rank__lt=max(levels))
        .exclude(user=logins.get("am"))
        .select_related("current_appointment__level")[:3]
    )
    effective = date(2027, 1, 1)
    for manager in candidates:
        current = manager.current_appointment.level
        grade_change_propose(
            actor=head,
            manager=manager,
            kind=GradeChangeKind.PROMOTE,
            to_level=levels[current.rank + 1],
            effective_date=effective,
            reason="业绩突出，年度考核优秀，建议晋升。",
        )
