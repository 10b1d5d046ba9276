"""The audit walk's table, second half: meetings, compliance records and cases, and
performance (evaluations, figures, loans)."""

from django.utils import timezone

from tests.compliance.case_helpers import pdf
from tests.hardening.audit_cases import (
    A,
    Write,
    big_deposits,
    day,
    figure_csv,
    figures_json,
    leave,
    meeting_api,
    outing,
    pk,
    report,
    rule_pks,
    side_a,
    weekday_after,
    weekday_before,
)
from tests.meetings.helpers import meeting_type

RECORDS: dict[str, Write | tuple[Write, ...]] = {
    # meetings (R-MTG)
    "meeting-create": Write(
        "head_a",
        {"starts_at": "07:50", "ends_at": "08:25", "place": "会议室", "minutes": "纪要"},
        query=lambda w, p: (
            f"?unit={w.sides['a'].unit.pk}&meeting_type={meeting_type('morning').pk}"
            f"&date={weekday_before()}"
        ),
        prefill=True,
    ),
    "meeting-edit": Write("head_a", {"place": "新会议室"}, subject="meeting", prefill=True),
    "minutes-score": Write("compliance", {"score": 85, "note": "较好"}, subject="meeting"),
    "leave-request-create": Write(
        A,
        lambda w, p: {
            "person": f"m{w.sides['a'].manager.pk}",
            "date_from": weekday_after(),
            "date_to": weekday_after(),
            "reason": "事假",
        },
    ),
    "leave-request-decide": Write(
        "head_a", {"decision": "approve", "note": "同意"}, kwargs=pk("leave"), prepare=leave
    ),
    "api:meeting-list": Write("head_a", meeting_api),
    "api:meeting-detail": Write("head_a", {"place": "新会议室"}, subject="meeting", method="patch"),
    "api:attendance-detail": Write(
        "head_a", {"left_at": "2026-09-30T08:10:00+08:00"}, subject="attendance", method="patch"
    ),
    "api:leave-request-list": Write(
        A,
        lambda w, p: {
            "manager": w.sides["a"].manager.pk,
            "date_from": weekday_after(),
            "date_to": weekday_after(),
            "reason": "事假",
        },
    ),
    "api:leave-request-approve": Write(
        "head_a", {"note": "同意"}, kwargs=pk("leave"), prepare=leave
    ),
    "api:leave-request-reject": Write(
        "head_a", {"note": "不同意"}, kwargs=pk("leave"), prepare=leave
    ),
    "api:minutes-score-list": Write(
        "compliance", lambda w, p: {"meeting": side_a(w, "meeting").pk, "score": 85}
    ),
    # compliance: cases, discipline, fines, records (R-PRO, R-DIS)
    "violation-report": Write(
        "head_a", lambda w, p: report(w, p) | {"rules": rule_pks("R-PRO-6")}, prefill=True
    ),
    "violation-advance": Write(
        "compliance",
        {"step-to_status": "investigating", "step-note": "调查"},
        subject="violation",
    ),
    "violation-evidence": Write(
        "head_a", lambda w, p: {"evidence-evidence": [pdf("more.pdf")]}, subject="violation"
    ),
    "api:violation-list": Write(
        "head_a",
        lambda w, p: report(w, p) | {"rules": ["R-PRO-6"], "evidence": [pdf("api.pdf")]},
        format="multipart",
    ),
    "api:violation-advance": Write(
        "compliance", {"to_status": "investigating", "note": "调查"}, subject="violation"
    ),
    "api:violation-evidence": Write(
        "head_a",
        lambda w, p: {"evidence": [pdf("api-more.pdf")]},
        subject="violation",
        format="multipart",
    ),
    "prohibition-acknowledge": Write(A),
    "api:prohibition-acknowledge": Write(A),
    "discipline-record": Write(
        "compliance",
        lambda w, p: {"manager": w.sides["a"].manager.pk, "kind": "yellow_card", "reason": "审计"},
        prefill=True,
    ),
    "discipline-decide": Write(
        "admin",
        {"decision": "confirm", "start_date": day(1), "note": "属实"},
        subject="disciplinary_action",
    ),
    "api:disciplinary-action-list": Write(
        "compliance",
        lambda w, p: {"manager": w.sides["a"].manager.pk, "kind": "yellow_card", "reason": "审计"},
    ),
    "api:disciplinary-action-confirm": Write(
        "admin", {"start_date": day(1)}, subject="disciplinary_action"
    ),
    "api:disciplinary-action-waive": Write(
        "admin", {"note": "情节轻微"}, subject="disciplinary_action"
    ),
    "fine-decide": Write("compliance", {"decision": "confirm"}, subject="fine_proposal"),
    "api:fine-proposal-confirm": Write("compliance", {}, subject="fine_proposal"),
    "api:fine-proposal-waive": Write("compliance", {"note": "情节轻微"}, subject="fine_proposal"),
    "compliance-records": (
        Write(
            "head_a",
            lambda w, p: {
                "outing": p["outing"].pk,
                "checked_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
                "note": "不在登记地点",
            },
            kwargs=lambda w, p: {"kind": "outing-checks"},
            prepare=outing,
        ),
        Write(
            "head_a",
            lambda w, p: {
                "manager": w.sides["a"].manager.pk,
                "customer_number": side_a(w, "customer").number,
                "loan_granted_on": day(-2),
            },
            kwargs=lambda w, p: {"kind": "credit-file-handovers"},
        ),
        Write(
            "head_a",
            lambda w, p: {
                "manager": w.sides["a"].manager.pk,
                "customer_number": side_a(w, "customer").number,
                "received_on": day(-2),
            },
            kwargs=lambda w, p: {"kind": "credit-applications"},
        ),
        Write(
            "hr",
            lambda w, p: {"manager": w.sides["a"].manager.pk, "since": day(-1), "note": "审计"},
            kwargs=lambda w, p: {"kind": "judicial-measures"},
        ),
    ),
    "api:outing-check-list": Write(
        "head_a",
        lambda w, p: {
            "outing": side_a(w, "outing").pk,
            "checked_at": f"{day(-1)}T11:00:00+08:00",
            "note": "不在登记地点",
        },
    ),
    "api:credit-file-handover-list": Write(
        "head_a",
        lambda w, p: {
            "manager": w.sides["a"].manager.pk,
            "customer": side_a(w, "customer").pk,
            "loan_granted_on": day(-2),
        },
    ),
    "api:credit-application-list": Write(
        "head_a",
        lambda w, p: {
            "manager": w.sides["a"].manager.pk,
            "customer": side_a(w, "customer").pk,
            "received_on": day(-2),
        },
    ),
    "api:judicial-measure-list": Write(
        "hr", lambda w, p: {"manager": w.sides["a"].manager.pk, "since": day(-1), "note": "审计"}
    ),
    # performance: evaluations and figures (R-ELG, R-RPT)
    "evaluation-list": Write("hr", {"period": "2026Q3"}, prefill=True, run_tasks=True),
    "api:evaluation-list": (
        Write("hr", {"period": "2026Q3"}, run_tasks=True),
        # R-CUS-5: with side a's customer at 6,000万 the run changes its tier (was gold).
        Write(
            "hr",
            lambda w, p: {"period": "2026Q3", "unit": w.sides["a"].unit.pk},
            prepare=big_deposits,
            run_tasks=True,
        ),
    ),
    "figure-import": Write(
        "hr",
        lambda w, p: {"file": figure_csv(w)},
        run_tasks=True,
    ),
    "api:figures": Write("integration", figures_json),
    "api:loans": Write(
        "integration",
        lambda w, p: [
            {
                "contract_number": "AUDIT-LOAN-1",
                "customer": side_a(w, "customer").number,
                "balance": "100000",
                "start_date": "2026-01-05",
                "due_on": day(20),
            }
        ],
    ),
}
