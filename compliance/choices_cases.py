"""Enumerations of violation cases and disciplinary actions (R-PRO-1…11, R-DIS-1…3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    """A suspected breach is reported, investigated by compliance, then confirmed or
    dismissed; every step records who, when and a note."""

    REPORTED = "reported", _("Reported")
    INVESTIGATING = "investigating", _("Under investigation")
    CONFIRMED = "confirmed", _("Confirmed as a breach")
    DISMISSED = "dismissed", _("Dismissed")


CLOSED_CASE_STATUSES = frozenset({CaseStatus.CONFIRMED, CaseStatus.DISMISSED})

# Which status may follow which (the only moves a case makes).
CASE_TRANSITIONS = {
    CaseStatus.REPORTED: frozenset({CaseStatus.INVESTIGATING}),
    CaseStatus.INVESTIGATING: frozenset({CaseStatus.CONFIRMED, CaseStatus.DISMISSED}),
    CaseStatus.CONFIRMED: frozenset(),
    CaseStatus.DISMISSED: frozenset(),
}


class DisciplineKind(models.TextChoices):
    """R-DIS-1 admonishment, R-DIS-2 yellow card, R-DIS-3 dismissal; demotion and exit
    from the AM sequence (R-GRD-3, R-DIS-1 "still failing at the end → demote or exit")."""

    ADMONISHMENT = "admonishment", _("Admonishment")
    YELLOW_CARD = "yellow_card", _("Yellow card")
    DEMOTION = "demotion", _("Demotion")
    EXIT = "exit", _("Exit from the AM sequence")
    DISMISSAL = "dismissal", _("Dismissal")
    STAND_DOWN = "stand_down", _("Stand down (待岗)")  # R-DIS-4: second outing miss


# Kinds that change the grade: HR confirms them, and confirming one files a grade change
# proposal through the grade services (R-GRD-4 approves it as any other grade change).
GRADE_KINDS = frozenset({DisciplineKind.DEMOTION, DisciplineKind.EXIT, DisciplineKind.DISMISSAL})


class ActionStatus(models.TextChoices):
    """Detection only proposes; a person confirms or waives. (The fine proposals' status
    without "withdrawn": a discipline proposal stays until a person decides it.)"""

    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    WAIVED = "waived", _("Waived (not imposed)")


class Trigger(models.TextChoices):
    """The fact a proposal comes from; `manual` for an action a person records."""

    MANUAL = "manual", _("Recorded by a person")
    BELOW_MINIMUM_LINE = "below_minimum_line", _("Below the minimum line (R-ELG-4)")
    BELOW_PLAN = "below_plan", _("Plan completion under 80%, two consecutive quarters (R-DIS-1)")
    CREDIT_CUSTOMER = (
        "credit_customer",
        _("Credit customer overdue or in arrears over one month, or an advance (R-DIS-1)"),
    )
    SECOND_YELLOW_CARD = "second_yellow_card", _("Second yellow card within a year (R-DIS-2)")
    ADMONISHMENT_FAILED = (
        "admonishment_failed",
        _("Admonishment ended with the figures still failing (R-DIS-1)"),
    )
    OUTING_REPEATED = (
        "outing_repeated",
        _("Not at the registered outing place again (R-DIS-4)"),
    )
