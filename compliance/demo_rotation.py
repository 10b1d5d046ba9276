"""Rotation, outing checks, deadlines, a judicial measure and unusual data access for
the demo bank (R-PRO-8, R-PRO-10, R-PRO-11, R-DIS-4). Deterministic; called by
`seed_demo` after `seed_cases`. All of it is about the first sub-branch (where the
demo's head, credit officer and AM log in) and the second (a judicial measure).

- Two AMs of the first sub-branch have held their customers for about three years: one
  falls due within the 90-day notice, one is overdue (the rotation page lists both).
- The head found one AM away from the registered outing place twice (a 100-yuan fine
  proposal, then a stand-down proposal) and another at the place.
- Credit files and applications around the 2026 National Day holiday, some late; the
  deadline detection proposes the fines (the first late opinion is only a warning).
- HR flagged an AM of the second sub-branch under judicial measures.
- The access log has a heavy day and a night-time export for the review page.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from customers.models import Assignment, Customer, Outing
from managers.choices import ManagerStatus
from managers.demo import DEMO_TODAY, DemoBank
from managers.models import AccountManager

from . import deadline_services, judicial_services, outing_services
from .deadlines import CreditApplication, CreditFileHandover
from .models import CustomerDataAccess


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _managers(unit) -> list[AccountManager]:
    active = AccountManager.objects.filter(unit=unit, status=ManagerStatus.ACTIVE)
    return list(active.order_by("employee_number")[:3])


def seed_holding_periods(managers) -> None:
    """Back-date current assignments so that rotation falls due (demo data only)."""
    for manager, days in zip(managers[:2], (3 * 365 - 40, 3 * 365 + 20), strict=False):
        Assignment.objects.filter(manager=manager, end_date__isnull=True).update(
            start_date=DEMO_TODAY - timedelta(days=days)
        )


def seed_outing_checks(bank: DemoBank, managers) -> None:
    head = bank.logins["head"]
    days = (date(2026, 10, 13), date(2026, 10, 22), date(2026, 10, 27))
    for manager, day, found in zip(
        (managers[0], managers[0], managers[-1]), days, (False, False, True), strict=True
    ):
        outing = Outing.objects.create(
            manager=manager,
            destination="城东科技有限公司",
            purpose="贷后检查",
            left_at=_at(day, 9),
            expected_return_at=_at(day, 16),
        )
        outing_services.outing_check_record(
            actor=head,
            outing=outing,
            checked_at=_at(day, 11),
            at_registered_place=found,
            note="" if found else "电话抽查时不在登记地点。",
        )


def seed_deadlines(bank: DemoBank, managers) -> None:
    officer = bank.logins["officer"]
    customers = list(Customer.objects.filter(unit=bank.sub_branches[0]).order_by("pk")[:3])
    if not customers:
        return
    loans = ((date(2026, 9, 28), date(2026, 10, 23)), (date(2026, 9, 28), date(2026, 10, 28)))
    for (granted, handed), customer in zip(loans, customers, strict=False):
        record = CreditFileHandover(
            manager=managers[0], customer=customer, loan_granted_on=granted, handed_over_on=handed
        )
        deadline_services.deadline_record(actor=officer, record=record)
    opinions = (
        (date(2026, 9, 30), date(2026, 10, 10)),
        (date(2026, 9, 18), date(2026, 9, 24)),
        (date(2026, 10, 19), date(2026, 10, 26)),
    )
    for received, opinion in opinions:
        record = CreditApplication(
            manager=managers[-1],
            customer=customers[0],
            received_on=received,
            preliminary_opinion_on=opinion,
        )
        deadline_services.deadline_record(actor=officer, record=record)
    deadline_services.detect_deadline_fines(DEMO_TODAY)


def seed_judicial(bank: DemoBank) -> None:
    if len(bank.sub_branches) < 2:
        return
    manager = _managers(bank.sub_branches[1])[0]
    judicial_services.judicial_measure_record(
        actor=bank.logins["hr"],
        manager=manager,
        since=DEMO_TODAY - timedelta(days=5),
        note="单位接公安机关通知：取保候审。",
    )


def seed_access(bank: DemoBank) -> None:
    user = bank.logins["am"]
    entries = [(date(2026, 10, 20), hour, 12, "reveal") for hour in (9, 10, 14)]
    entries.append((date(2026, 10, 24), 22, 40, "export"))
    for day, hour, count, action in entries:
        entry = CustomerDataAccess.objects.create(
            user=user,
            action=action,
            customer_numbers=[],
            customer_count=count,
            fields="姓名、证件号码、手机号",
            purpose="营销走访准备",
            path="/customers/",
        )
        CustomerDataAccess.objects.filter(pk=entry.pk).update(at=_at(day, hour))


def seed_rotation(bank: DemoBank) -> None:
    managers = _managers(bank.sub_branches[0])
    if not managers:
        return
    seed_holding_periods(managers)
    seed_outing_checks(bank, managers)
    seed_deadlines(bank, managers)
    seed_judicial(bank)
    seed_access(bank)
