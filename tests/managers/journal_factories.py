"""Builders of work journals (R-JNL-1) for the journal tests."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import factory
from factory.django import DjangoModelFactory

from managers.choices import JournalStatus
from managers.models import JournalReview, WorkJournal

SHANGHAI = ZoneInfo("Asia/Shanghai")
SECTIONS = {
    "credit_marketing": "走访东城制造，了解流动资金贷款需求",
    "results": "新增意向客户1户",
    "difficulties": "客户对利率敏感",
}


def at(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """A moment in the bank's time zone."""
    return datetime.combine(day, time(hour, minute, second), tzinfo=SHANGHAI)


class WorkJournalFactory(DjangoModelFactory):
    """A draft by default; `submitted_at=...` makes it submitted."""

    class Meta:
        model = WorkJournal

    day = date(2026, 9, 28)
    credit_marketing = SECTIONS["credit_marketing"]
    results = SECTIONS["results"]
    status = factory.LazyAttribute(
        lambda o: JournalStatus.DRAFT if o.submitted_at is None else JournalStatus.SUBMITTED
    )
    submitted_at = None


def submitted(manager, day: date, *, when: datetime | None = None) -> WorkJournal:
    """A journal of `day` submitted at `when` (default: 18:00 that day)."""
    return WorkJournalFactory(manager=manager, day=day, submitted_at=when or at(day, 18))


def reviewed(journal: WorkJournal, reviewer, *, next_day_work="", work_day=None) -> JournalReview:
    journal.status = JournalStatus.REVIEWED
    journal.save()
    return JournalReview.objects.create(
        journal=journal,
        reviewer=reviewer,
        opinion="已阅，继续保持",
        next_day_work=next_day_work,
        work_day=work_day or journal.day,
        reviewed_at=at(journal.day, 20),
    )
