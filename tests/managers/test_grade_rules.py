"""Pure grade rules (R-GRD-3…6), tested at their boundaries."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from managers import grade_rules as rules
from managers.choices import (
    ApprovalAuthority,
    Education,
    EntryRoute,
    GradeChangeKind,
    ManagerStatus,
    ProfessionalTitle,
)

SENIOR = rules.Level("高级", 6, min_marketing_years=3, authority=ApprovalAuthority.BRANCH_COMMITTEE)
L1 = rules.Level("一级", 5, min_marketing_years=3, authority=ApprovalAuthority.BRANCH_COMMITTEE)
L2 = rules.Level("二级", 4, min_marketing_years=1, authority=ApprovalAuthority.HR_REVIEW)
L3 = rules.Level("三级", 3)
L4 = rules.Level("四级", 2)
TRAINEE = rules.Level("见习", 1, is_trainee=True)
TERMS = rules.TraineeTerms(graduate_months=12, transfer_months=6)


def person(**overrides) -> rules.Person:
    facts = {
        "status": ManagerStatus.ACTIVE,
        "entry_route": EntryRoute.GRADUATE,
        "hire_date": date(2020, 3, 1),
        "marketing_since": date(2020, 3, 1),
        "education": Education.BACHELOR,
    }
    return rules.Person(**(facts | overrides))


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 11, 15), 2, date(2027, 1, 15)),
        (date(2026, 6, 30), 12, date(2027, 6, 30)),
    ],
)
def test_add_months_clamps_to_month_end(day, months, expected):
    assert rules.add_months(day, months) == expected


def test_term_of_one_year_ends_the_day_before_the_anniversary():
    assert rules.term_end(date(2026, 1, 1), 12) == date(2026, 12, 31)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
    st.integers(min_value=1, max_value=36),
)
def test_terms_follow_each_other_without_gap_or_overlap(start, months):
    end = rules.term_end(start, months)
    assert end >= start
    assert rules.add_months(start, months) == date.fromordinal(end.toordinal() + 1)


def test_full_years_counts_the_anniversary_day():
    assert rules.full_years(date(2023, 7, 1), date(2026, 6, 30)) == 2
    assert rules.full_years(date(2023, 7, 1), date(2026, 7, 1)) == 3


def test_trainee_period_graduate_one_year_transfer_six_months():
    """R-GRD-5."""
    graduate = person(status=ManagerStatus.TRAINEE, marketing_since=date(2026, 3, 15))
    transfer = person(
        status=ManagerStatus.TRAINEE,
        marketing_since=date(2026, 3, 15),
        entry_route=EntryRoute.TRANSFER,
    )
    assert rules.trainee_period_end(graduate, TERMS) == date(2027, 3, 15)
    assert rules.trainee_period_end(transfer, TERMS) == date(2026, 9, 15)


def test_trainee_cannot_be_graded_before_the_period_ends():
    trainee = person(status=ManagerStatus.TRAINEE, marketing_since=date(2026, 3, 15))
    assert rules.prerequisite_issues(trainee, L4, date(2027, 3, 14), TERMS)
    assert not rules.prerequisite_issues(trainee, L4, date(2027, 3, 15), TERMS)
    assert not rules.prerequisite_issues(trainee, TRAINEE, date(2026, 4, 1), TERMS)


@pytest.mark.parametrize(
    ("target", "since", "ok"),
    [
        (L1, date(2023, 1, 1), True),  # exactly 3 years on 2026-01-01
        (L1, date(2023, 1, 2), False),  # one day short
        (SENIOR, date(2023, 1, 2), False),
        (L2, date(2025, 1, 1), True),  # exactly 1 year
        (L2, date(2025, 1, 2), False),
        (L3, date(2025, 12, 31), True),  # L3 and below: no tenure
    ],
)
def test_tenure_prerequisite_r_grd_6(target, since, ok):
    issues = rules.prerequisite_issues(
        person(hire_date=since, marketing_since=since), target, date(2026, 1, 1), TERMS
    )
    assert (not issues) is ok


def test_education_college_or_junior_title():
    secondary = person(education=Education.SECONDARY)
    assert rules.prerequisite_issues(secondary, L3, date(2026, 1, 1), TERMS)
    titled = person(education=Education.SECONDARY, professional_title=ProfessionalTitle.JUNIOR)
    assert not rules.prerequisite_issues(titled, L3, date(2026, 1, 1), TERMS)
    college = person(education=Education.COLLEGE)
    assert not rules.prerequisite_issues(college, L3, date(2026, 1, 1), TERMS)


@pytest.mark.parametrize(
    ("kind", "current", "target", "ok"),
    [
        (GradeChangeKind.APPOINT, None, L4, True),
        (GradeChangeKind.APPOINT, TRAINEE, L4, True),
        (GradeChangeKind.APPOINT, L3, L2, False),
        (GradeChangeKind.PROMOTE, L3, L2, True),
        (GradeChangeKind.PROMOTE, L3, L3, False),
        (GradeChangeKind.PROMOTE, L3, L4, False),
        (GradeChangeKind.PROMOTE, None, L4, False),
        (GradeChangeKind.EXCEPTIONAL_PROMOTION, L4, L1, True),
        (GradeChangeKind.RENEW, L3, L3, True),
        (GradeChangeKind.RENEW, L3, L2, False),
        (GradeChangeKind.DEMOTE, L2, L3, True),
        (GradeChangeKind.DEMOTE, L2, L1, False),
        (GradeChangeKind.EXIT, L2, None, True),
        (GradeChangeKind.EXIT, None, None, False),
        (GradeChangeKind.PROMOTE, L3, None, False),
    ],
)
def test_kind_must_match_the_grades_r_grd_3(kind, current, target, ok):
    assert (not rules.kind_errors(kind, current, target)) is ok


@pytest.mark.parametrize(
    ("current", "target", "authority"),
    [
        (None, L1, ApprovalAuthority.BRANCH_COMMITTEE),
        (None, SENIOR, ApprovalAuthority.BRANCH_COMMITTEE),
        (L3, L2, ApprovalAuthority.HR_REVIEW),
        (L4, L3, ApprovalAuthority.SUB_BRANCH),
        (SENIOR, L1, ApprovalAuthority.BRANCH_COMMITTEE),  # demoting a senior AM
        (L2, None, ApprovalAuthority.HR_REVIEW),  # exit from L2
        (TRAINEE, L4, ApprovalAuthority.SUB_BRANCH),
    ],
)
def test_approval_authority_r_grd_4(current, target, authority):
    assert rules.approval_authority(current, target) == authority
