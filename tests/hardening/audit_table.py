"""The audit walk's table, first half: customers, account managers, grades and work
journals (the second half, meetings, compliance and performance, is in
`audit_table_records`). One valid write per write route, see `audit_cases.Write`."""

from datetime import timedelta

from django.utils import timezone

from tests.hardening.audit_cases import (
    A,
    Write,
    customer_file,
    day,
    draft_journal,
    pk,
    side_a,
    unassigned,
)
from tests.hardening.audit_table_records import RECORDS

PEOPLE: dict[str, Write | tuple[Write, ...]] = {
    # customers (R-CUS-2, R-CUS-4, R-VIS)
    "customer-assign": Write(
        "head_a",
        lambda w, p: {
            "manager": w.sides["a"].manager.pk,
            "credit_share": "100",
            "start_date": day(),
        },
        kwargs=lambda w, p: {"pk": unassigned(w).pk},
    ),
    "customer-transfer": Write(
        "head_a",
        lambda w, p: {
            "from_manager": w.sides["a"].manager.pk,
            "to_manager": w.bank.am_a1.pk,
            "transfer_date": day(),
            "baseline_deposit_avg": "100000",
            "increase_share": "60",
            "reason": "调岗移交",
        },
        subject="customer",
    ),
    "assignment-end": Write("head_a", {"end_date": day()}, subject="assignment"),
    "customers-unassigned": Write(
        "head_a",
        lambda w, p: {
            "customers": [unassigned(w).pk],
            "manager": w.sides["a"].manager.pk,
            "credit_share": "100",
            "start_date": day(),
        },
    ),
    "customer-import": Write("head_a", customer_file),
    "visit-create": Write(
        A,
        lambda w, p: {
            "customer": side_a(w, "customer").pk,
            "method": "on_site",
            "visited_at": f"{day(-1)}T10:00",
            "person_met": "王总",
            "purpose": "了解需求",
            "outcome": "有贷款意向",
        },
        prefill=True,
    ),
    "outing-create": Write(
        A,
        lambda w, p: {
            "destination": "客户厂区",
            "customer": side_a(w, "customer").pk,
            "purpose": "走访",
            "left_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "expected_return_at": (timezone.localtime() + timedelta(hours=2)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
        },
        prefill=True,
    ),
    "outing-return": Write(A, subject="outing"),
    "api:assignment-list": Write(
        "head_a",
        lambda w, p: {
            "customer": unassigned(w).pk,
            "manager": w.sides["a"].manager.pk,
            "credit_share": "1",
            "start_date": day(),
        },
    ),
    "api:assignment-bulk": Write(
        "head_a",
        lambda w, p: {
            "customers": [unassigned(w).pk],
            "manager": w.sides["a"].manager.pk,
            "credit_share": "1",
            "start_date": day(),
        },
    ),
    "api:assignment-end": Write("head_a", {"end_date": day()}, subject="assignment"),
    "api:transfer-list": Write(
        "head_a",
        lambda w, p: {
            "customer": side_a(w, "customer").pk,
            "from_manager": w.sides["a"].manager.pk,
            "to_manager": w.bank.am_a1.pk,
            "transfer_date": day(),
            "baseline_deposit_avg": "100000",
            "increase_share": "0.6",
            "reason": "调岗移交",
        },
    ),
    "api:customer-import": Write("head_a", customer_file, format="multipart"),
    "api:visit-list": Write(
        A,
        lambda w, p: {
            "customer": side_a(w, "customer").pk,
            "method": "phone",
            "visited_at": f"{day(-1)}T10:00:00+08:00",
            "person_met": "王总",
            "purpose": "了解需求",
            "outcome": "有贷款意向",
        },
    ),
    "api:outing-list": Write(
        A,
        lambda w, p: {
            "destination": "客户厂区",
            "customer": side_a(w, "customer").pk,
            "purpose": "走访",
            "left_at": timezone.localtime().isoformat(),
            "expected_return_at": (timezone.localtime() + timedelta(hours=2)).isoformat(),
        },
    ),
    "api:outing-return": Write(A, subject="outing"),
    # managers: account managers, grades (R-ORG, R-GRD)
    "api:manager-list": Write(
        "hr",
        lambda w, p: {
            "employee_number": "AUD001",
            "name": "审计经理",
            "line": "corporate",
            "unit": w.sides["a"].unit.pk,
            "hire_date": "2020-01-01",
        },
    ),
    "api:manager-detail": (
        Write("hr", {"marketing_since": "2021-01-01"}, subject="manager", method="patch"),
        Write(
            "hr",
            lambda w, p: {
                "employee_number": side_a(w, "manager").employee_number,
                "name": "改名经理",
                "line": side_a(w, "manager").line,
                "unit": w.sides["a"].unit.pk,
                "hire_date": str(side_a(w, "manager").hire_date),
            },
            subject="manager",
            method="put",
        ),
    ),
    "api:grade-level-list": Write(
        "admin",
        lambda w, p: {
            "scheme": side_a(w, "grade_level").scheme_id,
            "code": "L9",
            "name": "审计级",
            "rank": 99,
            "staff_grade": 9,
            "approval_authority": side_a(w, "grade_level").approval_authority,
        },
    ),
    "api:grade-level-detail": Write(
        "admin", {"name": "三级客户经理（修订）"}, subject="grade_level", method="patch"
    ),
    "grade-change-propose": Write(
        "head_a",
        lambda w, p: {
            "kind": "appoint",
            "to_level": side_a(w, "grade_level").pk,
            "effective_date": day(30),
            "reason": "审计走查",
        },
        kwargs=lambda w, p: {"manager_pk": w.bank.am_a1.pk},
    ),
    "grade-change-detail": Write(
        "hr", {"decision": "approve", "opinion": "同意"}, subject="grade_change"
    ),
    "api:grade-change-list": Write(
        "head_a",
        lambda w, p: {
            "manager": w.bank.am_a1.pk,
            "kind": "appoint",
            "to_level": side_a(w, "grade_level").pk,
            "effective_date": day(30),
            "reason": "审计走查",
        },
    ),
    "api:grade-change-approve": Write("hr", {"opinion": "同意"}, subject="grade_change"),
    "api:grade-change-reject": Write("hr", {"opinion": "不同意"}, subject="grade_change"),
    # work journals (R-JNL-1)
    "my-journal": Write(
        A,
        lambda w, p: {"day": day(), "results": "拜访两户", "action": "submit"},
        prefill=True,
    ),
    "journal-detail": Write(
        "head_a", {"opinion": "认真", "next_day_work": "继续跟进"}, subject="journal"
    ),
    "spot-check-list": Write(
        "head_a",
        {"start": "2026-09-28", "end": "2026-09-29", "count": 1, "percent": "", "seed": 7},
        prefill=True,
    ),
    "spot-check-detail": Write("head_a", {"conclusion": "合格"}, subject="spot_check"),
    "api:journal-list": Write(A, {"day": day(-1), "results": "拜访两户"}),
    "api:journal-detail": (
        Write(A, {"results": "改写"}, kwargs=pk("journal"), method="patch", prepare=draft_journal),
        Write(
            A,
            lambda w, p: {"day": day(), "results": "重写"},
            kwargs=pk("journal"),
            method="put",
            prepare=draft_journal,
        ),
    ),
    "api:journal-submit": Write(A, kwargs=pk("journal"), prepare=draft_journal),
    "api:journal-review-list": Write(
        "head_a",
        lambda w, p: {
            "journal": side_a(w, "journal").pk,
            "opinion": "认真",
            "next_day_work": "跟进",
        },
    ),
}
WRITE_CASES = PEOPLE | RECORDS


def cases() -> list[tuple[str, int, Write]]:
    """(route, index, case) for every case of the table."""
    found = []
    for name, entry in WRITE_CASES.items():
        entries = entry if isinstance(entry, tuple) else (entry,)
        found += [(name, index, case) for index, case in enumerate(entries)]
    return found
