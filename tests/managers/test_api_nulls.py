"""Regressions found by the API fuzzer (tests/hardening/test_api_fuzz.py): what the API
answers null (or 0) is what its schema says."""

from datetime import date

from django.urls import reverse

from managers import grade_services
from managers.choices import GradeChangeKind
from tests.api_schema import nullable
from tests.managers.journal_factories import submitted

GRADE_FIELDS = ("grade", "grade_name", "staff_grade", "appointed_from", "term_ends")


def test_a_manager_without_a_grade_has_null_grade_fields(api_client_for, bank):
    data = api_client_for(bank.hr).get(reverse("api:manager-detail", args=[bank.am_a.pk])).json()
    for field in GRADE_FIELDS:
        assert data[field] is None and nullable("AccountManager", field), field


def test_an_undecided_grade_change_has_no_decider(api_client_for, bank, levels):
    change = grade_services.grade_change_propose(
        actor=bank.head_a,
        manager=bank.am_a,
        kind=GradeChangeKind.APPOINT,
        to_level=levels["L3"],
        effective_date=date(2026, 12, 1),
        reason="测试",
    )
    url = reverse("api:grade-change-detail", args=[change.pk])
    assert api_client_for(bank.hr).get(url).json()["decided_by"] is None
    assert nullable("GradeChange", "decided_by")


def test_a_journal_day_without_visits_counts_zero_not_null(api_client_for, bank):
    journal = submitted(bank.am_a, date(2026, 9, 28))
    data = api_client_for(bank.head_a).get(reverse("api:journal-detail", args=[journal.pk])).json()
    assert data["visit_count"] == 0 and data["outing_count"] == 0
