"""HR's home page (R-ORG-2): the queues HR works from — grade changes awaiting approval
(R-GRD-4), trainee periods ending (R-GRD-5), the latest evaluation's promotion
candidates, demotion risks and AMs below the minimum line (R-ELG-4, R-ELG-5), the
disciplinary proposals HR decides (R-DIS-3), figure imports running or failed — each
count equal to the rows of the list page it links to, scoped, in a fixed number of
queries; other roles keep their own home."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from compliance.choices_cases import DisciplineKind, Trigger
from compliance.discipline import DisciplinaryAction
from managers import grade_services
from managers.choices import GradeChangeKind, ManagerStatus, Role
from managers.models import GradeScheme
from performance.models import (
    Evaluation,
    EvaluationResult,
    EvaluationStatus,
    FigureImport,
    ImportStatus,
    SuggestedAction,
)
from tests.factories import AccountManagerFactory, UserFactory

EVALUATION_KEYS = {
    "promotion-candidate": SuggestedAction.PROMOTION_CANDIDATE,
    "demotion-risk": SuggestedAction.DEMOTION_RISK,
    "below-minimum-line": SuggestedAction.BELOW_MINIMUM_LINE,
}


def home(client, user=None):
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response


def queue(response, key):
    return next(q for q in response.context["home"].queues if q.key == key)


def latest_evaluation() -> Evaluation:
    now = timezone.now()
    evaluation, _created = Evaluation.objects.get_or_create(
        year=2026,
        quarter=3,
        scope_path="",
        defaults={
            "status": EvaluationStatus.DONE,
            "requested_at": now,
            "finished_at": now,
            "managers_count": 0,
        },
    )
    return evaluation


def result(evaluation, manager, action):
    zero = Decimal(0)
    return EvaluationResult.objects.create(
        evaluation=evaluation,
        manager=manager,
        unit=manager.unit,
        action=action,
        minimum_line_passed=action != SuggestedAction.BELOW_MINIMUM_LINE,
        quality_passed=True,
        deposits=zero,
        loans=zero,
        settlement_usd=zero,
        new_deposits=zero,
        customers_count=0,
        credit_customers_count=0,
    )


def hr_work(bank, levels, unit, head, marker: str, copies: int = 1) -> None:
    """In `unit`, `copies` of each thing HR works on (and one of each it must not count)."""
    today = timezone.localdate()
    evaluation = latest_evaluation()
    for n in range(copies):
        proposed = AccountManagerFactory(unit=unit, name=f"{marker}待聘{n}")
        grade_services.grade_change_propose(
            actor=head,
            manager=proposed,
            kind=GradeChangeKind.APPOINT,
            to_level=levels["L4"],
            effective_date=today,
            reason="年度聘任",
        )
        AccountManagerFactory(
            unit=unit,
            name=f"{marker}见习{n}",
            status=ManagerStatus.TRAINEE,
            hire_date=today - timedelta(days=350),
            marketing_since=today - timedelta(days=350),
        )
        for action in EVALUATION_KEYS.values():
            result(
                evaluation, AccountManagerFactory(unit=unit, name=f"{marker}{action}{n}"), action
            )
        result(evaluation, AccountManagerFactory(unit=unit), SuggestedAction.KEEP)
        for kind in (DisciplineKind.DEMOTION, DisciplineKind.ADMONISHMENT):
            DisciplinaryAction.objects.create(
                manager=AccountManagerFactory(unit=unit, name=f"{marker}{kind}{n}"),
                kind=kind,
                trigger=Trigger.MANUAL,
                reason="测试",
            )
    # A trainee whose period ends in half a year is not due yet.
    AccountManagerFactory(
        unit=unit,
        name=f"{marker}新见习",
        status=ManagerStatus.TRAINEE,
        hire_date=today - timedelta(days=30),
        marketing_since=today - timedelta(days=30),
    )


def imports(user, marker: str) -> None:
    for status in (ImportStatus.FAILED, ImportStatus.RUNNING, ImportStatus.DONE):
        FigureImport.objects.create(
            created_by=user, file_name=f"{marker}-{status}.xlsx", file_format="xlsx", status=status
        )


@pytest.fixture
def work(bank, levels):
    hr_work(bank, levels, bank.sub_a, bank.head_a, "甲")
    hr_work(bank, levels, bank.sub_b, bank.head_b, "乙")
    imports(bank.hr, "mine")
    imports(bank.admin, "theirs")
    return bank


def test_hr_home_shows_every_queue_of_the_branch(client, work):
    response = home(client, work.hr)
    assert response.templates[0].name == "managers/hr_home.html"
    counts = {q.key: q.count for q in response.context["home"].queues}
    assert counts == {
        "grade-changes": 2,
        "trainees": 2,
        "promotion-candidate": 2,
        "demotion-risk": 2,
        "below-minimum-line": 2,
        "discipline": 2,
        "figure-imports": 2,
    }
    titles = {q.key: {item.title for item in q.items} for q in response.context["home"].queues}
    assert titles["grade-changes"] == {"甲待聘0", "乙待聘0"}
    assert titles["trainees"] == {"甲见习0", "乙见习0"}
    assert titles["promotion-candidate"] == {"甲promotion_candidate0", "乙promotion_candidate0"}
    # HR decides demotions, exits and dismissals; admonishments are compliance's (R-DIS-3).
    assert titles["discipline"] == {"甲demotion0", "乙demotion0"}
    # Only HR's own imports, and the finished one is not waiting for anything.
    assert titles["figure-imports"] == {"mine-failed.xlsx", "mine-running.xlsx"}
    body = response.content.decode()
    assert "等级变动待审批" in body and "甲待聘0" in body
    assert 'data-testid="count-grade-changes">2<' in body
    assert reverse("roster-xlsx") in body and reverse("evaluation-list") in body


def list_rows(client, url) -> int:
    """How many rows the list page at `url` shows."""
    context = client.get(url).context
    if "page" in context:
        return context["page"].paginator.count
    return len(context["rows"])


def test_counts_equal_the_rows_of_the_linked_pages(client, work):
    response = home(client, work.hr)
    for key in ("grade-changes", "trainees", *EVALUATION_KEYS):
        item = queue(response, key)
        assert list_rows(client, item.url) == item.count, key
    discipline = queue(response, "discipline")
    assert [(str(part.label), part.count) for part in discipline.parts] == [
        ("低聘", 2),
        ("退出客户经理序列", 0),
        ("解聘", 0),
    ]
    for part in discipline.parts:
        assert list_rows(client, part.url) == part.count
    evaluation = Evaluation.objects.get()
    assert queue(response, "below-minimum-line").note == "评定 2026Q3 · 全行"
    assert queue(response, "below-minimum-line").url == (
        reverse("evaluation-detail", args=[evaluation.pk]) + "?action=below_minimum_line"
    )


def test_hr_of_a_sub_branch_sees_only_its_subtree(client, work):
    scoped = UserFactory(role=Role.HR, org_unit=work.sub_a)
    response = home(client, scoped)
    for item in response.context["home"].queues:
        titles = " ".join(i.title for i in item.items)
        assert "乙" not in titles, item.key
    assert queue(response, "grade-changes").count == 1
    assert queue(response, "promotion-candidate").count == 1
    assert queue(response, "discipline").count == 1
    assert queue(response, "figure-imports").count == 0  # importers see their own imports


def test_short_lists_stop_at_five_and_say_how_many_more(client, bank, levels):
    hr_work(bank, levels, bank.sub_a, bank.head_a, "甲", copies=7)
    response = home(client, bank.hr)
    changes = queue(response, "grade-changes")
    assert (changes.count, len(changes.items), changes.more) == (7, 5, 2)
    assert "还有 2 项" in response.content.decode()


def test_runs_list_the_latest_evaluations_with_their_status(client, bank):
    latest_evaluation()
    Evaluation.objects.create(
        year=2026, quarter=4, status=EvaluationStatus.RUNNING, requested_at=timezone.now()
    )
    runs = home(client, bank.hr).context["home"].runs
    assert [(run.period, run.status) for run in runs] == [("2026Q4", "running"), ("2026Q3", "done")]


def test_query_count_does_not_grow_with_the_data(
    client, bank, levels, django_assert_max_num_queries
):
    hr_work(bank, levels, bank.sub_a, bank.head_a, "甲")
    imports(bank.hr, "mine")
    client.force_login(bank.hr)
    with django_assert_max_num_queries(25) as small:
        home(client)
    hr_work(bank, levels, bank.sub_b, bank.head_b, "乙", copies=8)
    imports(bank.hr, "more")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = home(client)
    assert queue(response, "grade-changes").count == 9


def test_other_roles_keep_their_home(client, bank):
    head = home(client, bank.head_a)
    assert head.templates[0].name == "managers/home.html"
    assert head.context["manager_total"] == 2
    assert reverse("dashboard") in head.content.decode()
    manager = home(client, bank.am_a_user).content.decode()
    assert reverse("my-day") in manager
    admin = home(client, bank.admin)
    assert admin.templates[0].name == "managers/home.html"
    assert home(client, bank.compliance).templates[0].name == "compliance/home.html"


def test_home_opens_before_a_grade_scheme_is_in_force(client, bank):
    GradeScheme.objects.update(is_active=False)
    assert queue(home(client, bank.hr), "trainees").count == 0
    assert client.get(reverse("trainees")).status_code == 200  # the list behind it, empty
