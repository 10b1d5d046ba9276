"""The compliance officer's home page (R-ORG-2): violation cases reported and under
investigation (R-PRO), the disciplinary proposals compliance decides (R-DIS-1, R-DIS-2),
fine proposals (R-DIS-4), the ten prohibitions not yet acknowledged this year, rotations
due (R-PRO-11), outing checks that found nobody (R-VIS-2), deadlines passed (R-DIS-4)
and unusual customer-data access (R-PRO-8) — each count equal to the rows of the list
page it links to, scoped, in a fixed number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from compliance import case_services
from compliance.choices_cases import CaseStatus, DisciplineKind, Trigger
from compliance.deadline_services import deadline_record
from compliance.deadlines import CreditApplication, CreditFileHandover
from compliance.discipline import DisciplinaryAction
from compliance.fine_choices import FineReason
from compliance.fines import FineProposal
from compliance.models import CustomerDataAccess
from compliance.outing_services import outing_check_record
from compliance.rotation import AccessReviewPolicy
from customers.choices import AccessAction
from managers.choices import ManagerStatus, Role
from managers.models import AccountManager
from tests.compliance.case_helpers import report
from tests.compliance.rest_helpers import hold, outing
from tests.factories import AccountManagerFactory, CustomerFactory, UserFactory
from tests.meetings.helpers import at

KEYS = (
    "cases-reported",
    "cases-investigating",
    "discipline",
    "fines",
    "acknowledgements",
    "rotation",
    "outing-checks",
    "deadlines",
    "access",
)


def home(client, user=None):
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def queue(response, key):
    return next(q for q in response.context["home"].queues if q.key == key)


def log(user, when, count=1):
    entry = CustomerDataAccess.objects.create(
        user=user,
        action=AccessAction.REVEAL,
        customer_numbers=["C1"],
        customer_count=count,
        fields="phone",
        purpose="贷后检查",
        path="/customers/",
    )
    CustomerDataAccess.objects.filter(pk=entry.pk).update(at=when)


def compliance_work(bank, unit, head, marker: str, copies: int = 1) -> None:
    """In `unit`, `copies` of each thing compliance works on, plus things it must not
    count (a demotion proposal is HR's; a rotation due in a year; a file handed over)."""
    today = timezone.localdate()
    three_years_ago = today.replace(year=today.year - 3)
    for n in range(copies):
        manager = AccountManagerFactory(unit=unit, name=f"{marker}经理{n}")
        report(bank, reporter=head, manager=manager, occurred_on=today)
        taken_up = report(bank, reporter=head, manager=manager, occurred_on=today)
        case_services.case_advance(
            actor=bank.compliance,
            case=taken_up,
            to_status=CaseStatus.INVESTIGATING,
            note="立案调查",
        )
        for kind in (DisciplineKind.YELLOW_CARD, DisciplineKind.DEMOTION):
            DisciplinaryAction.objects.create(
                manager=manager, kind=kind, trigger=Trigger.MANUAL, reason="测试"
            )
        FineProposal.objects.create(
            manager=manager, unit=unit, reason=FineReason.LATE, amount=Decimal(50), day=today
        )
        # A miss at the registered place: also proposes a 100-yuan fine (R-DIS-4).
        day = today - timedelta(days=2)
        outing_check_record(
            actor=head,
            outing=outing(manager, day),
            checked_at=at(day, 11),
            at_registered_place=False,
            note="在商场",
        )
        for record in (
            CreditFileHandover(
                manager=manager,
                customer=CustomerFactory(unit=unit),
                loan_granted_on=today - timedelta(days=60),
            ),
            CreditApplication(
                manager=manager,
                customer=CustomerFactory(unit=unit),
                received_on=today - timedelta(days=30),
            ),
            CreditFileHandover(
                manager=manager,
                customer=CustomerFactory(unit=unit),
                loan_granted_on=today - timedelta(days=60),
                handed_over_on=today - timedelta(days=59),
            ),
        ):
            deadline_record(actor=bank.compliance, record=record)
        rotating = AccountManagerFactory(unit=unit, name=f"{marker}轮岗{n}")
        hold(rotating, three_years_ago + timedelta(days=30), bank.hr)
        hold(AccountManagerFactory(unit=unit), today - timedelta(days=365), bank.hr)
        log(head, at(today - timedelta(days=3), 10) - timedelta(minutes=n), count=25)
        log(head, at(today - timedelta(days=3), 23) - timedelta(minutes=n))


@pytest.fixture
def work(bank):
    AccessReviewPolicy.objects.update(daily_threshold=20)
    case_services.prohibitions_acknowledge(actor=bank.am_a_user, today=timezone.localdate())
    compliance_work(bank, bank.sub_a, bank.head_a, "甲")
    compliance_work(bank, bank.sub_b, bank.head_b, "乙")
    return bank


def titles(response, key) -> set[str]:
    return {item.title for item in queue(response, key).items}


def test_compliance_home_shows_every_queue_of_the_branch(client, work):
    response = home(client, work.compliance)
    assert response.templates[0].name == "compliance/home.html"
    counts = {q.key: q.count for q in response.context["home"].queues}
    unacknowledged = (
        AccountManager.objects.exclude(status=ManagerStatus.EXITED).exclude(pk=work.am_a.pk).count()
    )
    assert counts == {
        "cases-reported": 2,
        "cases-investigating": 2,
        "discipline": 2,  # the yellow cards; demotions are HR's (R-DIS-3)
        "fines": 4,  # one late, one outing miss per unit
        "acknowledgements": unacknowledged,
        "rotation": 2,
        "outing-checks": 2,
        "deadlines": 4,  # a file not handed over and an opinion not given per unit
        "access": counts["access"],
    }
    assert {title.split(" ")[1] for title in titles(response, "cases-reported")} == {
        "甲经理0",
        "乙经理0",
    }
    assert titles(response, "discipline") == {"甲经理0", "乙经理0"}
    assert titles(response, "rotation") == {"甲轮岗0", "乙轮岗0"}
    assert titles(response, "outing-checks") == {"甲经理0", "乙经理0"}
    assert work.am_a.name not in titles(response, "acknowledgements")
    access = queue(response, "access")
    heavy_days, _off_hours = access.parts
    assert heavy_days.count == 2  # one heavy day per head
    body = response.content.decode()
    assert "合规待办" in body and "待您决定的纪律处分建议" in body
    assert 'data-testid="count-rotation">2<' in body


def list_rows(client, url) -> int:
    context = client.get(url).context
    return context["page"].paginator.count


def test_counts_equal_the_rows_of_the_linked_pages(client, work):
    response = home(client, work.compliance)
    for key in ("cases-reported", "cases-investigating", "fines", "acknowledgements"):
        item = queue(response, key)
        assert list_rows(client, item.url) == item.count, key
    for key in ("rotation", "outing-checks"):
        item = queue(response, key)
        assert list_rows(client, item.url) == item.count, key
    discipline = queue(response, "discipline")
    assert [(str(part.label), part.count) for part in discipline.parts] == [
        ("诫勉", 0),
        ("黄牌警告", 2),
        ("待岗", 0),
    ]
    for part in discipline.parts:
        assert list_rows(client, part.url) == part.count
    review = client.get(queue(response, "access").url).context
    heavy, off_hours = queue(response, "access").parts
    assert (heavy.count, off_hours.count) == (
        len(review["review"].heavy_days),
        review["page"].paginator.count,
    )
    assert queue(response, "access").count == heavy.count + off_hours.count


def test_compliance_of_a_sub_branch_sees_only_its_subtree(client, work):
    scoped = UserFactory(role=Role.COMPLIANCE, org_unit=work.sub_a)
    response = home(client, scoped)
    for item in response.context["home"].queues:
        shown = " ".join(i.title for i in item.items)
        assert "乙" not in shown and "head_b" not in shown, item.key
    assert queue(response, "fines").count == 2
    assert queue(response, "rotation").count == 1
    assert queue(response, "deadlines").count == 2
    assert queue(response, "access").parts[0].count == 1


def test_query_count_does_not_grow_with_the_data(client, bank, django_assert_max_num_queries):
    compliance_work(bank, bank.sub_a, bank.head_a, "甲")
    client.force_login(bank.compliance)
    with django_assert_max_num_queries(35) as small:
        home(client)
    compliance_work(bank, bank.sub_b, bank.head_b, "乙", copies=6)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = home(client)
    reported = queue(response, "cases-reported")
    assert (reported.count, len(reported.items), reported.more) == (7, 5, 2)
