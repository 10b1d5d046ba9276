"""What a disciplinary action is for, in words of the active language, from its trigger
and the facts detection recorded (R-ELG-4, R-DIS-1, R-DIS-2)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from managers.templatetags.office import percent, wan_yuan

from .choices_cases import Trigger


def _reasons(codes) -> str:
    words = {
        "overdue": _("overdue over one month"),
        "arrears": _("interest arrears over one month"),
        "advance": _("an advance"),
    }
    return _(", ").join(str(words.get(code, code)) for code in codes)


def _below_line(action, facts) -> str:
    deposits = facts.get("line_deposits")
    return _(
        "Evaluation %(period)s: below the minimum line, %(deposits)s 万元 of credited deposits "
        "counted."
    ) % {"period": facts.get("period"), "deposits": wan_yuan(Decimal(deposits or 0))}


def _below_plan(action, facts) -> str:
    first, second = facts.get("periods", ["?", "?"])
    plan = facts.get("plan_completion", [None, None])
    return _(
        "Plan completion %(first_plan)s in %(first)s and %(second_plan)s in %(second)s "
        "(under 80%%)."
    ) % {
        "first": first,
        "second": second,
        "first_plan": percent(plan[0]),
        "second_plan": percent(plan[1]),
    }


def _credit_customer(action, facts) -> str:
    customer = action.customer
    months = facts.get("months", [])
    return _("Customer %(customer)s: %(reasons)s (%(months)s).") % {
        "customer": f"{customer.number} {customer.name}" if customer else "?",
        "reasons": _reasons(facts.get("reasons", [])),
        "months": f"{months[0]} – {months[-1]}" if months else "",
    }


def _second_card(action, facts) -> str:
    return _("Yellow cards from %(first)s and %(second)s, within a year.") % {
        "first": facts.get("first"),
        "second": facts.get("second"),
    }


def _admonishment_failed(action, facts) -> str:
    return _(
        "Admonishment until %(until)s; evaluation %(period)s: plan completion %(plan)s, "
        "minimum line %(line)s."
    ) % {
        "until": facts.get("admonished_until"),
        "period": facts.get("period"),
        "plan": percent(facts.get("plan_completion")),
        "line": _("met") if facts.get("minimum_line_passed") else _("missed"),
    }


DESCRIBE = {
    Trigger.BELOW_MINIMUM_LINE: _below_line,
    Trigger.BELOW_PLAN: _below_plan,
    Trigger.CREDIT_CUSTOMER: _credit_customer,
    Trigger.SECOND_YELLOW_CARD: _second_card,
    Trigger.ADMONISHMENT_FAILED: _admonishment_failed,
}


def describe(action) -> str:
    """The reason a person gave, or the facts detection found."""
    explain = DESCRIBE.get(action.trigger)
    if explain is None:
        return action.reason
    return explain(action, action.facts or {})
