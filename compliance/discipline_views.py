"""Pages of disciplinary actions (R-DIS-1…3): the list with the proposals to confirm or
waive (compliance: admonishments and yellow cards; HR: demotions, exits, dismissals),
recording an action, and an account manager's own page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from managers.access import role_required
from managers.form_errors import add_service_errors, error_text, posted_text, safe_next
from managers.models import AccountManager
from managers.paging import filtered_page

from . import case_selectors as selectors
from . import discipline_services as services
from .case_access import DISCIPLINE_DECIDERS, DISCIPLINE_READERS, OWN_DISCIPLINE_READERS
from .case_filtersets import DisciplinaryActionFilterSet
from .case_forms import ActionDecisionForm, ActionRecordForm
from .choices_cases import ActionStatus, CaseStatus
from .discipline import ADMONISHED_ALLOWANCE_RATE, DisciplinaryAction
from .discipline_text import describe
from .violations import ViolationCase


def _rows(actions, user):
    """Each action with its description and whether `user` may decide it (no query)."""
    return [
        (
            action,
            describe(action),
            action.status == ActionStatus.PROPOSED
            and services.decider_refusal(user, action.kind) is None
            and action.proposed_by_id != user.pk,
        )
        for action in actions
    ]


@role_required(DISCIPLINE_READERS)
def action_list(request):
    """Proposals first (the default filter); every action with its facts."""
    params = request.GET.copy()
    params.setdefault("status", ActionStatus.PROPOSED)
    context = filtered_page(
        request, DisciplinaryActionFilterSet, selectors.actions_for(request.user), params=params
    )
    context["rows"] = _rows(context["page"], request.user)
    context["today"] = timezone.localdate()
    context["may_record"] = services.recorder_refusal(request.user) is None
    return render(request, "compliance/cases/action_list.html", context)


@role_required(DISCIPLINE_DECIDERS)
@require_POST
def action_decide(request, pk: int):
    """Confirm (`decision=confirm`, from `start_date`) or waive (`decision=waive`, with a
    note) a proposal."""
    action = get_object_or_404(selectors.actions_for(request.user), pk=pk)
    form = ActionDecisionForm(request.POST)
    try:
        note = posted_text(request, "note")
        if request.POST.get("decision") == "waive":
            services.action_waive(actor=request.user, action=action, note=note)
        elif form.is_valid():
            services.action_confirm(actor=request.user, action=action, **form.cleaned_data)
        else:
            raise ValidationError(form.errors)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Decision saved."))
    return redirect(safe_next(request) or reverse("discipline-list"))


@role_required(DISCIPLINE_DECIDERS)
def action_record(request):
    """Record an action (prefilled from a confirmed case with `?case=`)."""
    user = request.user
    cases = (
        ViolationCase.objects.restrict(user)
        .filter(status=CaseStatus.CONFIRMED)
        .select_related("manager")
    )
    initial = {}
    if "case" in request.GET:
        case = cases.filter(pk=request.GET["case"]).first()
        if case:
            initial = {"case": case.pk, "manager": case.manager_id}
    form = ActionRecordForm(
        request.POST or None,
        initial=initial,
        managers=AccountManager.objects.restrict(user).order_by("employee_number"),
        cases=cases,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_record(actor=user, **form.cleaned_data)
        except PermissionDenied as error:
            messages.error(request, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Action recorded; it awaits confirmation."))
            return redirect("discipline-list")
    return render(request, "compliance/cases/action_form.html", {"form": form})


@role_required(OWN_DISCIPLINE_READERS)
def my_actions(request):
    """An account manager's own confirmed actions, and the admonishment running today
    with its effect on the allowances (R-DIS-1)."""
    today = timezone.localdate()
    mine = {"manager__user": request.user.pk}
    actions = selectors.actions_for(request.user).filter(**mine).order_by("-start_date", "-pk")
    context = {
        "rows": [(action, describe(action)) for action in actions],
        "admonishment": DisciplinaryAction.objects.restrict(request.user)
        .filter(**mine)
        .in_force(today)
        .first(),
        "allowance_rate": ADMONISHED_ALLOWANCE_RATE,
        "today": today,
    }
    return render(request, "compliance/cases/my_actions.html", context)
