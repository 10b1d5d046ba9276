"""Pages of the prohibitions catalogue (R-PRO-1…11) and of violation cases. Thin: scope
via `case_selectors`, filters via `case_filtersets`, writes via `case_services`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from managers.access import role_required
from managers.form_errors import add_service_errors, error_text
from managers.paging import filtered_page

from . import case_selectors as selectors
from . import case_services, discipline_services
from .case_access import (
    ACKNOWLEDGEMENT_READERS,
    CASE_READERS,
    CASE_REPORTERS,
    CATALOGUE_READERS,
    INVESTIGATORS,
    OWN_DISCIPLINE_READERS,
)
from .case_filtersets import AcknowledgementFilterSet, ViolationCaseFilterSet
from .case_forms import CaseStepForm, EvidenceForm, ViolationReportForm
from .choices_cases import CaseStatus
from .prohibitions import Prohibition, ProhibitionAcknowledgement, current_fingerprint
from .violations import Evidence, ViolationCase, reporter_shown, sees_confidential_reporter


@role_required(CATALOGUE_READERS)
def prohibition_list(request):
    """The catalogue in force; an account manager sees whether they acknowledged this
    year's version and acknowledges it with one click."""
    year = timezone.localdate().year
    acknowledgement = (
        ProhibitionAcknowledgement.objects.filter(manager__user=request.user.pk, year=year).first()
        if request.user.role in OWN_DISCIPLINE_READERS
        else None
    )
    context = {
        "rules": Prohibition.objects.filter(is_active=True),
        "year": year,
        "may_acknowledge": request.user.role in OWN_DISCIPLINE_READERS,
        "acknowledgement": acknowledgement,
        "acknowledged_current": acknowledgement is not None
        and acknowledgement.fingerprint == current_fingerprint(),
        "sees_acknowledgements": request.user.sees_whole_bank
        or request.user.role in ACKNOWLEDGEMENT_READERS,
    }
    return render(request, "compliance/cases/prohibition_list.html", context)


@role_required(OWN_DISCIPLINE_READERS)
@require_POST
def prohibition_acknowledge(request):
    try:
        case_services.prohibitions_acknowledge(actor=request.user, today=timezone.localdate())
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Thank you: your acknowledgement is recorded."))
    return redirect("prohibition-list")


@role_required(ACKNOWLEDGEMENT_READERS)
def acknowledgement_list(request):
    """Who of the user's scope has not acknowledged this year's catalogue."""
    year = timezone.localdate().year
    rows = selectors.acknowledgement_status_for(request.user, year)
    context = filtered_page(request, AcknowledgementFilterSet, rows)
    context["totals"] = rows.aggregate(
        everyone=Count("pk"), done=Count("pk", filter=Q(current=True))
    )
    context["year"] = year
    return render(request, "compliance/cases/acknowledgement_list.html", context)


@role_required(CASE_READERS)
def case_list(request):
    context = filtered_page(request, ViolationCaseFilterSet, selectors.cases_for(request.user))
    context["rows"] = [(case, reporter_shown(case, request.user)) for case in context["page"]]
    context["sees_all_reporters"] = sees_confidential_reporter(request.user)
    return render(request, "compliance/cases/case_list.html", context)


@role_required(CASE_REPORTERS)
def case_report(request):
    """Anyone with a role reports a suspected breach, with evidence files."""
    form = ViolationReportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = case_services.case_report(
                actor=request.user,
                manager=data["manager"],
                rules=data["rules"],
                occurred_on=data["occurred_on"],
                place=data["place"],
                customer_numbers=data["customer_numbers"],
                description=data["description"],
                confidential=data["confidential"],
                files=data["evidence"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Case %(number)s reported.") % {"number": case.number})
            return redirect("violation-detail", pk=case.pk)
    return render(request, "compliance/cases/case_form.html", {"form": form})


def _visible_case(request, pk):
    return get_object_or_404(selectors.case_detail_for(request.user), pk=pk)


@role_required(CASE_READERS)
def case_detail(request, pk: int, step_form=None, evidence_form=None):
    case = _visible_case(request, pk)
    user = request.user
    show_reporter = reporter_shown(case, user)
    may_investigate = case_services.investigator_refusal(user) is None and not case.is_closed
    may_add_evidence = case_services.evidence_refusal(user, case) is None
    hidden = None if show_reporter else case.reporter_id
    context = {
        "case": case,
        "show_reporter": show_reporter,
        "steps": [(step, step.actor_id != hidden) for step in case.steps.all()],
        "evidence": [(item, item.uploaded_by_id != hidden) for item in case.evidence.all()],
        "may_download": _may_download(user),
        "may_record_action": case.status == CaseStatus.CONFIRMED
        and discipline_services.recorder_refusal(user) is None,
        "step_form": step_form
        or (CaseStepForm(case=case, prefix="step") if may_investigate else None),
        "evidence_form": evidence_form
        or (EvidenceForm(prefix="evidence") if may_add_evidence else None),
    }
    return render(request, "compliance/cases/case_detail.html", context)


@role_required(INVESTIGATORS)
@require_POST
def case_advance(request, pk: int):
    case = _visible_case(request, pk)
    form = CaseStepForm(request.POST, case=case, prefix="step")
    if form.is_valid():
        try:
            case_services.case_advance(
                actor=request.user,
                case=case,
                to_status=form.cleaned_data["to_status"],
                note=form.cleaned_data["note"],
                rules=form.cleaned_data["rules"] or None,
            )
        except PermissionDenied as error:
            messages.error(request, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Step recorded."))
            return redirect("violation-detail", pk=case.pk)
    return case_detail(request, pk, step_form=form)


@role_required(CASE_READERS)
@require_POST
def evidence_add(request, pk: int):
    case = _visible_case(request, pk)
    form = EvidenceForm(request.POST, request.FILES, prefix="evidence")
    if form.is_valid():
        try:
            case_services.evidence_add(
                actor=request.user, case=case, files=form.cleaned_data["evidence"]
            )
        except PermissionDenied as error:
            messages.error(request, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Evidence added."))
            return redirect("violation-detail", pk=case.pk)
    return case_detail(request, pk, evidence_form=form)


def _may_download(user) -> bool:
    return sees_confidential_reporter(user)


@role_required(CASE_READERS)
def evidence_download(request, pk: int):
    """Evidence is served to compliance, administrators and whoever uploaded it, from a
    case they may see; never through a public media URL."""
    evidence = get_object_or_404(
        Evidence.objects.filter(case__in=ViolationCase.objects.restrict(request.user)), pk=pk
    )
    if not (_may_download(request.user) or evidence.uploaded_by_id == request.user.pk):
        raise Http404
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.name,
        content_type=evidence.content_type,
    )
