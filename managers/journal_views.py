"""Pages of work journals (R-JNL-1, R-VIS-2). Thin: scope via the journal selectors,
filter via the shared FilterSets, write via the journal services.

Account managers write their own journal of a day on a phone; unit heads and credit
officers review their subtree's; heads spot-check; supervisors follow missing and late
journals and submission rates. Out-of-scope journals answer 404."""

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import journal_selectors as selectors
from . import journal_services as services
from .access import role_required
from .choices import JournalStatus
from .form_errors import safe_next
from .journal_access import (
    JOURNAL_READERS,
    JOURNAL_REVIEWERS,
    JOURNAL_SUPERVISORS,
    JOURNAL_WRITERS,
    may_review,
)
from .journal_compliance import journal_compliance
from .journal_filtersets import ReviewQueueFilterSet, WorkJournalFilterSet
from .journal_forms import JournalForm, PeriodForm, ReviewForm, show_service_errors
from .own_records import manager_of
from .paging import PAGE_SIZE, filtered_page
from .working_days import WorkingCalendar


def _acting_manager(request):
    refusal = services.writer_refusal(request.user)
    if refusal:
        raise PermissionDenied(refusal)
    return manager_of(request.user)


def _requested_day(request) -> date:
    """The `day` of the query string (today when absent or unreadable)."""
    field = forms.DateField(required=False)
    try:
        return field.clean(request.GET.get("day")) or timezone.localdate()
    except ValidationError:
        return timezone.localdate()


def _my_journal_url(day: date) -> str:
    return f"{reverse('my-journal')}?day={day:%Y-%m-%d}"


@role_required(JOURNAL_WRITERS)
def my_journal(request):
    """R-JNL-1: the account manager's journal of a day (today by default), on a phone:
    the sections as a draft or submitted, the day's visits and outings attached, and the
    head's latest opinion with the work assigned for the day (R-VIS-2)."""
    manager = _acting_manager(request)
    day = _requested_day(request)
    journal = selectors.journal_of_day(manager, day)
    today = timezone.localdate()
    editable = day <= today and (journal is None or journal.is_draft)
    form = None
    if request.method == "POST":
        form = JournalForm(request.POST, action=request.POST.get("action"))
        if form.is_valid():
            try:
                saved = services.journal_save(
                    actor=request.user,
                    day=form.cleaned_data["day"],
                    sections=form.sections(),
                    submit=form.wants_submit,
                )
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                if saved.is_draft:
                    messages.success(request, _("Draft saved."))
                else:
                    messages.success(request, _("Journal submitted to your unit head."))
                return redirect(_my_journal_url(saved.day))
    elif editable:
        form = JournalForm(instance=journal, initial={"day": day})
    calendar = WorkingCalendar.between(day, day)
    context = {
        "day": day,
        "today": today,
        "previous_day": day - timedelta(days=1),
        "next_day": day + timedelta(days=1) if day < today else None,
        "is_future": day > today,
        "is_working_day": calendar.is_working_day(day),
        "missing_years": calendar.missing_years,
        "journal": journal,
        "form": form,
        "visits": selectors.visits_of_day(manager, day),
        "outings": selectors.outings_of_day(manager, day),
        "previous_review": selectors.previous_review(manager, day),
    }
    return render(request, "managers/journals/my_journal.html", context)


@role_required(JOURNAL_READERS)
def journal_list(request):
    """R-JNL-1: an account manager's own history, or the journals of the subtree."""
    journals = selectors.journals_for(request.user).order_by("-day", "manager__name", "pk")
    context = filtered_page(request, WorkJournalFilterSet, journals)
    context["is_writer"] = services.writer_refusal(request.user) is None
    return render(request, "managers/journals/journal_list.html", context)


@role_required(JOURNAL_REVIEWERS)
def review_queue(request):
    """R-JNL-1: submitted journals of the subtree awaiting review, oldest first."""
    context = filtered_page(request, ReviewQueueFilterSet, selectors.review_queue(request.user))
    return render(request, "managers/journals/review_queue.html", context)


@role_required(JOURNAL_READERS)
def journal_detail(request, pk: int):
    """R-JNL-1: one journal with the day's visits and outings and its review; a head or
    credit officer of the subtree reviews a submitted journal here (R-VIS-2)."""
    journal = get_object_or_404(selectors.journals_for(request.user), pk=pk)
    can_review = may_review(request.user) and journal.status == JournalStatus.SUBMITTED
    form = ReviewForm(request.POST or None) if can_review else None
    if request.method == "POST":
        if not can_review:
            raise PermissionDenied(_("This journal cannot be reviewed by you now."))
        if form.is_valid():
            try:
                services.journal_review(actor=request.user, journal=journal, **form.cleaned_data)
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, _("Review signed."))
                return HttpResponseRedirect(safe_next(request) or reverse("journal-review-queue"))
    context = {
        "journal": journal,
        "form": form,
        "next": safe_next(request) or "",
        "visits": selectors.visits_of_day(journal.manager, journal.day),
        "outings": selectors.outings_of_day(journal.manager, journal.day),
        "is_own": journal.manager.user_id == request.user.pk,
    }
    return render(request, "managers/journals/journal_detail.html", context)


def _compliance_context(request) -> dict:
    form = PeriodForm(request.GET, user=request.user)
    report = None
    if form.is_valid():
        report = journal_compliance(
            request.user,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            unit=form.cleaned_data["unit"],
        )
    query = request.GET.copy()
    query.pop("page", None)
    return {"form": form, "report": report, "query": query.urlencode()}


@role_required(JOURNAL_SUPERVISORS)
def journal_missing(request):
    """R-JNL-1: per account manager, the working days of the period whose journal is
    missing or was late, on the official calendar (holidays, adjusted working days)."""
    context = _compliance_context(request)
    report = context["report"]
    rows = [r for r in report.managers if r.missing or r.late] if report else []
    context["page"] = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "managers/journals/missing.html", context)


@role_required(JOURNAL_SUPERVISORS)
def journal_rates(request):
    """R-JNL-1: on-time submission rate per unit and per account manager over a period."""
    context = _compliance_context(request)
    rows = context["report"].managers if context["report"] else []
    context["page"] = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "managers/journals/rates.html", context)
