"""One object of every kind a route takes the id of, on each side of the cast: side "a"
in sub-branch A (held, written or owned by am_a), side "b" in sibling sub-branch B (by
am_b). Everything a side creates carries that side's marker text, so a page or an API
answer can be searched for the other side's data.

Built once per test module (`tests/hardening/conftest.py`), through the services where
they check something worth having (grade proposals, cases, spot checks), straight into
the tables otherwise.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from compliance import case_services, discipline_services
from compliance.choices_cases import DisciplineKind
from compliance.deadlines import CreditApplication, CreditFileHandover
from compliance.fine_choices import FineReason
from compliance.fines import FineProposal
from compliance.models import CustomerDataAccess
from compliance.outings import OutingCheck
from compliance.prohibitions import Prohibition
from compliance.rotation import JudicialMeasure
from customers.choices import AccessAction, VisitMethod
from customers.models import Outing, Transfer, Visit
from managers import grade_services, journal_services
from managers.choices import GradeChangeKind
from managers.models import AccountManager
from meetings import minutes_services
from meetings.models import LeaveRequest
from performance.models import FigureImport, ImportStatus
from tests.compliance.case_helpers import pdf
from tests.conftest import Bank
from tests.customers.helpers import at, hold
from tests.factories import CustomerFactory, default_rule_set, grade_levels
from tests.managers.journal_factories import reviewed, submitted
from tests.meetings.helpers import WED_30_SEP, record
from tests.performance.helpers import evaluate

JOURNAL_DAY = date(2026, 9, 28)
LEAVE_DAY = date(2026, 10, 12)
# Text only the objects of one side carry (with the side's unit, manager and customer names).
TEXT_MARKERS = {"a": "甲侧专属记录", "b": "乙侧专属记录"}


@dataclass
class Side:
    """The people of one sub-branch and what they own."""

    name: str
    unit: object
    head: object
    manager: object
    manager_user: object
    objects: dict = field(default_factory=dict)
    markers: list[str] = field(default_factory=list)

    @property
    def marker(self) -> str:
        return TEXT_MARKERS[self.name]

    def find_markers(self) -> None:
        """Strings that appear only in this side's data: its text marker, the names of its
        units, account managers and customer."""
        units = type(self.unit).objects.get_tree(self.unit)
        managers = AccountManager.objects.filter(unit__in=units)
        self.markers = [
            self.marker,
            *(unit.name for unit in units),
            *(manager.name for manager in managers),
            self.objects["customer"].name,
        ]


@dataclass
class World:
    bank: Bank
    sides: dict[str, Side]

    def pk(self, subject: str, side: str) -> int:
        return self.sides[side].objects[subject].pk


def build_world(bank: Bank) -> World:
    default_rule_set()
    levels = grade_levels()
    sides = {
        "a": Side("a", bank.sub_a, bank.head_a, bank.am_a, bank.am_a_user),
        "b": Side("b", bank.sub_b, bank.head_b, bank.am_b, bank.am_b_user),
    }
    for side in sides.values():
        _customers(bank, side)
        _journals(side)
        _meetings(bank, side)
        _grades_and_cases(bank, side, levels["L3"])
        _compliance_records(side)
        side.objects["evaluation"] = evaluate(2026, 3, unit=side.unit)
    # Figure imports belong to whoever imported them: HR's on side a, the integration
    # client's on side b.
    for name, importer in (("a", bank.hr), ("b", bank.integration)):
        sides[name].objects["figure_import"] = FigureImport.objects.create(
            created_by=importer,
            file_name=f"{TEXT_MARKERS[name]}.csv",
            file_format="csv",
            checksum="ab" * 32,
            status=ImportStatus.REJECTED,
            errors=[{"row": 2, "column": "客户号", "message": TEXT_MARKERS[name]}],
        )
    # Catalogues everyone reads: the same row on both sides.
    for side in sides.values():
        side.objects["grade_level"] = levels["L3"]
        side.objects["prohibition"] = Prohibition.objects.get(code="R-PRO-6")
        side.find_markers()
    return World(bank=bank, sides=sides)


def _customers(bank: Bank, side: Side) -> None:
    unit, manager, marker = side.unit, side.manager, side.marker
    customer = hold(CustomerFactory(unit=unit, name=f"{unit.name}{marker}客户"), manager, side.head)
    CustomerFactory(unit=unit, name=f"{unit.name}{marker}未分配客户")
    moved = CustomerFactory(unit=unit, name=f"{unit.name}{marker}移交客户")
    side.objects.update(
        customer=customer,
        assignment=customer.assignments.get(),
        transfer=Transfer.objects.create(
            customer=moved,
            from_manager=manager,
            to_manager=manager,
            transfer_date=date(2026, 6, 1),
            baseline_deposit_avg=Decimal("1000000"),
            increase_share=Decimal("0.6"),
            reason=marker,
            created_by=side.head,
        ),
        visit=Visit.objects.create(
            manager=manager,
            customer=customer,
            method=VisitMethod.ON_SITE,
            visited_at=at(JOURNAL_DAY, 10),
            person_met=marker,
            purpose=marker,
            outcome=marker,
        ),
        outing=Outing.objects.create(
            manager=manager,
            customer=customer,
            destination=marker,
            purpose=marker,
            left_at=at(JOURNAL_DAY, 9),
            expected_return_at=at(JOURNAL_DAY, 16),
        ),
        access=CustomerDataAccess.objects.create(
            user=side.manager_user,
            action=AccessAction.REVEAL,
            customer_numbers=[customer.number],
            customer_count=1,
            fields="id_number, phone",
            purpose=marker,
            path=f"/customers/{customer.pk}/",
        ),
    )


def _journals(side: Side) -> None:
    journal = submitted(side.manager, JOURNAL_DAY)
    journal.results = side.marker
    journal.save()
    other = submitted(side.manager, date(2026, 9, 29))
    side.objects.update(
        journal=journal,
        journal_review=reviewed(other, side.head, next_day_work=side.marker),
        spot_check=journal_services.spot_check_draw(
            actor=side.head, unit=side.unit, start=JOURNAL_DAY, end=JOURNAL_DAY, count=1
        ),
    )


def _meetings(bank: Bank, side: Side) -> None:
    meeting = record(side.head, side.unit, WED_30_SEP, signed={side.manager: (7, 45)})
    meeting.minutes = side.marker
    meeting.save()
    side.objects.update(
        meeting=meeting,
        attendance=meeting.attendance.get(manager=side.manager),
        minutes_score=minutes_services.minutes_score(
            actor=bank.compliance, meeting=meeting, score=80, note=side.marker
        ),
        leave_request=LeaveRequest.objects.create(
            manager=side.manager,
            unit=side.unit,
            date_from=LEAVE_DAY,
            date_to=LEAVE_DAY,
            reason=side.marker,
            requested_by=side.manager_user,
            requested_at=at(date(2026, 10, 9), 9),
        ),
        fine_proposal=FineProposal.objects.create(
            manager=side.manager,
            unit=side.unit,
            reason=FineReason.LATE,
            amount=Decimal("50"),
            day=WED_30_SEP,
            meeting=meeting,
            note=side.marker,
        ),
    )


def _grades_and_cases(bank: Bank, side: Side, level) -> None:
    case = case_services.case_report(
        actor=side.head,
        manager=side.manager,
        rules=list(Prohibition.objects.filter(code="R-PRO-6")),
        occurred_on=date(2026, 10, 20),
        place=side.marker,
        description=side.marker,
        files=[pdf(f"{side.name}.pdf")],
    )
    side.objects.update(
        manager=side.manager,
        org_unit=side.unit,
        grade_change=grade_services.grade_change_propose(
            actor=side.head,
            manager=side.manager,
            kind=GradeChangeKind.APPOINT,
            to_level=level,
            effective_date=date(2026, 12, 1),
            reason=side.marker,
        ),
        violation=case,
        evidence=case.evidence.get(),
        disciplinary_action=discipline_services.action_record(
            actor=bank.compliance,
            manager=side.manager,
            kind=DisciplineKind.ADMONISHMENT,
            reason=side.marker,
        ),
    )


def _compliance_records(side: Side) -> None:
    """Outing checks, deadline records and judicial measures (R-DIS-4, R-PRO-11)."""
    manager, customer = side.manager, side.objects["customer"]
    side.objects.update(
        outing_check=OutingCheck.objects.create(
            outing=side.objects["outing"],
            manager=manager,
            checked_at=at(JOURNAL_DAY, 11),
            note=side.marker,
            checked_by=side.head,
        ),
        credit_file_handover=CreditFileHandover.objects.create(
            manager=manager, customer=customer, loan_granted_on=date(2026, 9, 1)
        ),
        credit_application=CreditApplication.objects.create(
            manager=manager, customer=customer, received_on=date(2026, 9, 1)
        ),
        judicial_measure=JudicialMeasure.objects.create(
            manager=manager, since=date(2026, 10, 1), note=side.marker
        ),
    )
