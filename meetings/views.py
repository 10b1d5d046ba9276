"""Meeting pages (R-MTG-1…3): list, detail, record and correct a meeting with its sign-in
register, and the head's "today" board. Thin: scope via the selectors, write via the
services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from managers.access import role_required
from managers.form_errors import add_service_errors
from managers.paging import filtered_page

from . import access, reports, selectors, services
from .choices import TodayStatus
from .filtersets import MeetingFilterSet
from .forms import (
    MeetingForm,
    MeetingSetupForm,
    SignInFormSet,
    edit_initial,
    meeting_initial,
    sign_ins_from,
)
from .models import MeetingType

REGISTER_PREFIX = "register"


@role_required(access.READERS)
def meeting_list(request):
    context = filtered_page(request, MeetingFilterSet, selectors.meetings_for(request.user))
    context["can_record"] = access.may_record(request.user)
    return render(request, "meetings/meeting_list.html", context)


@role_required(access.READERS)
def meeting_detail(request, pk: int):
    meeting = get_object_or_404(selectors.meetings_for(request.user), pk=pk)
    context = {
        "meeting": meeting,
        "register": selectors.register_of(meeting, request.user),
        "can_edit": access.may_record(request.user),
        "can_score": access.may_review_minutes(request.user),
    }
    return render(request, "meetings/meeting_detail.html", context)


def _setup_defaults(user) -> dict:
    unit = selectors.meeting_units_for(user).filter(pk=user.org_unit_id).first()
    unit = unit or selectors.meeting_units_for(user).first()
    morning = MeetingType.objects.active().order_by("order").first()
    return {
        "unit": unit.pk if unit else "",
        "meeting_type": morning.pk if morning else "",
        "date": timezone.localdate().isoformat(),
    }


def _save(request, form, formset, write) -> bool:
    """Run `write(sign_ins, cleaned)` when both forms are valid; show service errors."""
    if not (request.method == "POST" and form.is_valid() and formset.is_valid()):
        return False
    try:
        write(sign_ins_from(formset, form.day), form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


def _number(row) -> str:
    return row.manager.employee_number if row.manager_id else row.staff.username


def _grid(people, formset) -> list[dict]:
    """The register's rows: who (name, number), their current record (when correcting)
    and their form."""
    return [
        {"name": name, "number": number, "record": record, "form": form}
        for (name, number, record), form in zip(people, formset.forms, strict=False)
    ]


@role_required(access.RECORDERS)
def meeting_create(request):
    """R-MTG-1/2: the register of the chosen unit, type and day, and the meeting."""
    setup = MeetingSetupForm(request.GET or _setup_defaults(request.user), user=request.user)
    context = {"setup": setup, "creating": True}
    if not setup.is_valid():
        return render(request, "meetings/meeting_form.html", context)
    unit, meeting_type, day = (setup.cleaned_data[k] for k in ("unit", "meeting_type", "date"))
    register = selectors.expected_members(unit)
    form = MeetingForm(
        request.POST or None,
        user=request.user,
        day=day,
        initial=meeting_initial(request.user, meeting_type, day),
    )
    formset = SignInFormSet(
        request.POST or None,
        initial=[{"member": entry.member.key} for entry in register],
        prefix=REGISTER_PREFIX,
    )
    created = []

    def write(sign_ins, data):
        created.append(
            services.meeting_record(
                actor=request.user,
                unit=unit,
                meeting_type=meeting_type,
                sign_ins=sign_ins,
                **data,
            )
        )

    if _save(request, form, formset, write):
        messages.success(request, _("Meeting recorded."))
        return redirect("meeting-detail", pk=created[0].pk)
    rows = [(entry.name, entry.number, None) for entry in register]
    context |= {"form": form, "formset": formset, "rows": _grid(rows, formset)}
    return render(request, "meetings/meeting_form.html", context)


@role_required(access.RECORDERS)
def meeting_edit(request, pk: int):
    """Correct a meeting, e.g. sign in someone who arrived after it was saved."""
    meeting = get_object_or_404(services.meetings_writable_by(request.user), pk=pk)
    rows = selectors.register_of(meeting, request.user)
    form = MeetingForm(
        request.POST or None, user=request.user, day=meeting.date, initial=edit_initial(meeting)
    )
    local = timezone.localtime
    formset = SignInFormSet(
        request.POST or None,
        initial=[
            {
                "member": row.member.key,
                "signed_in": local(row.signed_in_at).time() if row.signed_in_at else None,
                "left_at": local(row.left_at).time() if row.left_at else None,
            }
            for row in rows
        ],
        prefix=REGISTER_PREFIX,
    )

    def write(sign_ins, data):
        services.meeting_update(actor=request.user, meeting=meeting, sign_ins=sign_ins, **data)

    if _save(request, form, formset, write):
        messages.success(request, _("Meeting saved."))
        return redirect("meeting-detail", pk=meeting.pk)
    context = {
        "meeting": meeting,
        "form": form,
        "formset": formset,
        "rows": _grid([(row.person_name, _number(row), row) for row in rows], formset),
        "creating": False,
    }
    return render(request, "meetings/meeting_form.html", context)


@role_required(access.SUPERVISORS)
def today(request):
    """R-MTG-1/2: today's morning meeting of every unit in the user's subtree."""
    board = reports.today_board(request.user)
    context = {
        "board": board,
        "counts": [(status, board.count(status)) for status in TodayStatus],
        "can_record": access.may_record(request.user),
        "morning_id": board.types[0].pk if board.types else "",
    }
    return render(request, "meetings/today.html", context)
