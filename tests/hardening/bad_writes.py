"""The REST API's write operations, each with a body it accepts (built from the hardening
`World`), for `test_bad_input_api`: the bad inputs are variations of that body, so a refusal
is about the bad value and nothing else (`test_the_good_body_is_accepted` proves it)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from tests.factories import CustomerFactory
from tests.hardening.objects import World


@dataclass(frozen=True)
class Write:
    name: str
    url: Callable[[World], str]
    user: str  # cast member who may write
    body: Callable[[World], dict]
    text: str  # a text field with a length limit (a name, a place, a purpose …)
    number: str | None = None  # a number, amount or date field
    free_text: str | None = None  # a text field without a length limit (notes, journals)
    method: str = "post"

    def __str__(self) -> str:
        return self.name


def a(world: World, subject: str):
    return world.sides["a"].objects[subject]


def next_weekday() -> str:
    """A Tuesday at least a week ahead: leave is asked for before the day (R-MTG-2)."""
    day = timezone.localdate() + timedelta(days=7)
    return (day + timedelta(days=(1 - day.weekday()) % 7)).isoformat()


def fresh_customer(world: World):
    """A customer of sub-branch A nobody holds yet (made inside the test's transaction)."""
    return CustomerFactory(unit=world.bank.sub_a, name="坏输入测试客户")


WRITES: tuple[Write, ...] = (
    Write(
        "managers",
        lambda w: "/api/v1/managers/",
        "hr",
        lambda w: {
            "employee_number": "BI0001",
            "name": "坏输入经理",
            "line": "corporate",
            "unit": w.bank.sub_a.pk,
            "hire_date": "2020-03-01",
        },
        text="name",
        number="hire_date",
    ),
    Write(
        "managers-patch",
        lambda w: f"/api/v1/managers/{w.bank.am_a1.pk}/",
        "hr",
        lambda w: {"name": "网点经理改名", "hire_date": "2000-01-03"},
        text="name",
        number="hire_date",
        method="patch",
    ),
    Write(
        "grade-changes",
        lambda w: "/api/v1/grade-changes/",
        "head_a",
        lambda w: {
            "manager": w.bank.am_a1.pk,
            "kind": "appoint",
            "to_level": a(w, "grade_level").pk,
            "effective_date": "2026-12-01",
            "reason": "坏输入测试",
        },
        text="reason",
        number="effective_date",
        free_text="reason",
    ),
    Write(
        "grade-levels",
        lambda w: "/api/v1/grade-levels/",
        "admin",
        lambda w: {
            "scheme": a(w, "grade_level").scheme_id,
            "code": "BAD1",
            "name": "坏输入等级",
            "rank": 99,
            "staff_grade": 9,
            "communication_allowance": "160.00",
            "approval_authority": a(w, "grade_level").approval_authority,
        },
        text="name",
        number="communication_allowance",
    ),
    Write(
        "assignments",
        lambda w: "/api/v1/assignments/",
        "head_a",
        lambda w: {
            "customer": fresh_customer(w).pk,
            "manager": w.bank.am_a.pk,
            "credit_share": "1",
            "start_date": "2026-01-01",
        },
        text="credit_share",
        number="credit_share",
    ),
    Write(
        "transfers",
        lambda w: "/api/v1/transfers/",
        "head_a",
        lambda w: {
            "customer": a(w, "customer").pk,
            "from_manager": w.bank.am_a.pk,
            "to_manager": w.bank.am_a1.pk,
            "transfer_date": "2026-10-01",
            "baseline_deposit_avg": "1000000.00",
            "increase_share": "0.6",
            "reason": "坏输入测试",
        },
        text="reason",
        number="baseline_deposit_avg",
        free_text="reason",
    ),
    Write(
        "visits",
        lambda w: "/api/v1/visits/",
        "am_a_user",
        lambda w: {
            "customer": a(w, "customer").pk,
            "method": "phone",
            "visited_at": "2026-09-28T15:00:00+08:00",
            "person_met": "王会计",
            "purpose": "了解结算需求",
            "outcome": "约定下周上门",
        },
        text="person_met",
        number="visited_at",
        free_text="outcome",
    ),
    Write(
        "outings",
        lambda w: "/api/v1/outings/",
        "am_a_user",
        lambda w: {
            "customer": a(w, "customer").pk,
            "destination": "城东工业园",
            "purpose": "贷后检查",
            "left_at": "2026-09-29T09:00:00+08:00",
            "expected_return_at": "2026-09-29T16:00:00+08:00",
        },
        text="destination",
        number="left_at",
        free_text="purpose",
    ),
    Write(
        "journals",
        lambda w: "/api/v1/journals/",
        "am_a_user",
        lambda w: {"day": "2026-09-30", "results": "走访两户", "lessons": "无"},
        text="results",
        number="day",
        free_text="results",
    ),
    Write(
        "journal-reviews",
        lambda w: "/api/v1/journal-reviews/",
        "head_a",
        lambda w: {"journal": a(w, "journal").pk, "opinion": "已阅", "next_day_work": "走访"},
        text="opinion",
        number="journal",
        free_text="opinion",
    ),
    Write(
        "leave-requests",
        lambda w: "/api/v1/leave-requests/",
        "am_a_user",
        lambda w: {
            "manager": w.bank.am_a.pk,
            "date_from": next_weekday(),
            "date_to": next_weekday(),
            "reason": "事假",
        },
        text="reason",
        number="date_from",
        free_text="reason",
    ),
    Write(
        "evaluations",
        lambda w: "/api/v1/evaluations/",
        "hr",
        lambda w: {"period": "2026Q2", "unit": w.bank.sub_a.pk},
        text="period",
        number="unit",
    ),
    Write(
        "reveal",
        lambda w: f"/api/v1/customers/{a(w, 'customer').pk}/reveal/",
        "am_a_user",
        lambda w: {"purpose": "核对客户联系方式"},
        text="purpose",
    ),
    Write(
        "disciplinary-actions",
        lambda w: "/api/v1/disciplinary-actions/",
        "compliance",
        lambda w: {"manager": w.bank.am_a1.pk, "kind": "admonishment", "reason": "坏输入测试"},
        text="reason",
        number="manager",
        free_text="reason",
    ),
    Write(
        "judicial-measures",
        lambda w: "/api/v1/judicial-measures/",
        "hr",
        lambda w: {"manager": w.bank.am_a1.pk, "since": "2026-10-02", "note": "取保候审"},
        text="note",
        number="since",
        free_text="note",
    ),
    Write(
        "credit-applications",
        lambda w: "/api/v1/credit-applications/",
        "head_a",
        lambda w: {
            "manager": w.bank.am_a.pk,
            "customer": a(w, "customer").pk,
            "received_on": "2026-10-09",
        },
        text="received_on",
        number="received_on",
    ),
    Write(
        "outing-checks",
        lambda w: "/api/v1/outing-checks/",
        "head_a",
        lambda w: {
            "outing": a(w, "outing").pk,
            "checked_at": "2026-09-28T14:00:00+08:00",
            "at_registered_place": True,
            "note": "电话核实",
        },
        text="note",
        number="checked_at",
        free_text="note",
    ),
    Write(
        "minutes-scores",
        lambda w: "/api/v1/minutes-scores/",
        "compliance",
        lambda w: {"meeting": a(w, "meeting").pk, "score": 90, "note": "记录完整"},
        text="note",
        number="score",
        free_text="note",
    ),
    Write(
        "violations",
        lambda w: "/api/v1/violations/",
        "head_a",
        lambda w: {
            "manager": w.bank.am_a.pk,
            "rules": ["R-PRO-6"],
            "occurred_on": "2026-10-21",
            "place": "城东支行营业厅",
            "description": "代客户签字",
        },
        text="place",
        number="occurred_on",
        free_text="description",
    ),
    Write(
        "fine-confirm",
        lambda w: f"/api/v1/fine-proposals/{a(w, 'fine_proposal').pk}/confirm/",
        "compliance",
        lambda w: {"amount": "50.00", "note": "确认"},
        text="note",
        number="amount",
        free_text="note",
    ),
)
