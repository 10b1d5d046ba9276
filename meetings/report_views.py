"""Report pages: attendance rates per person and unit over any period (R-MTG-2), and the
quarterly minutes spot-check with its roll-up per unit (R-MTG-3)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from managers.access import role_required
from managers.form_errors import add_service_errors
from managers.paging import PAGE_SIZE

from . import access, minutes_services, reports, selectors
from .filtersets import AttendanceFilterSet
from .forms import MinutesScoreForm
from .models import MeetingType
from .rules import quarter_bounds, quarter_of


def _default_period(request) -> QueryDict | None:
    """Without a query: this month so far, morning meetings."""
    if request.GET:
        return None
    today = timezone.localdate()
    params = QueryDict(mutable=True)
    params["date_from"] = today.replace(day=1).isoformat()
    params["date_to"] = today.isoformat()
    morning = MeetingType.objects.filter(flag_if_missing=True).order_by("order").first()
    if morning:
        params["meeting_type"] = str(morning.pk)
    return params


@role_required(access.SUPERVISORS)
def attendance_rates(request):
    """Per person and per unit: attended / expected (approved leave not counted)."""
    params = _default_period(request) or request.GET
    attendance = selectors.attendance_for(request.user)
    filterset = AttendanceFilterSet(params, queryset=attendance, request=request)
    valid = filterset.is_valid()
    rows = reports.attendance_rows(filterset.qs if valid else attendance.none())
    page = Paginator(rows, PAGE_SIZE).get_page(params.get("page"))
    query = params.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "query": query.urlencode(),
        "people": [reports.with_rate(row) | {"name": reports.person_name(row)} for row in page],
    }
    data = filterset.form.cleaned_data if valid else {}
    start, end = data.get("date_from"), data.get("date_to")
    if start and end and start <= end:
        units, working, missing = reports.unit_rates(
            request.user,
            filterset.qs,
            start=start,
            end=end,
            today=timezone.localdate(),
            within=data.get("unit"),
        )
        context |= {"units": units, "working_days": working, "missing_years": missing}
    else:
        context["period_needed"] = True
    return render(request, "meetings/attendance_rates.html", context)


def _quarter(request) -> tuple[int, int]:
    year, quarter = quarter_of(timezone.localdate())
    try:
        year = int(request.GET.get("year", year))
        quarter = int(request.GET.get("quarter", quarter))
    except ValueError:
        return quarter_of(timezone.localdate())
    if not (2000 <= year <= 2100 and 1 <= quarter <= 4):
        return quarter_of(timezone.localdate())
    return year, quarter


@role_required(access.SUPERVISORS)
def minutes_check(request):
    """R-MTG-3: this quarter's sample of each unit's minutes, and the scores per unit."""
    year, quarter = _quarter(request)
    sample = reports.minutes_sample_for(request.user, year, quarter)
    context = {
        "year": year,
        "quarter": quarter,
        "quarters": [1, 2, 3, 4],
        "start": quarter_bounds(year, quarter)[0],
        "page": Paginator(sample, PAGE_SIZE).get_page(request.GET.get("page")),
        "query": f"year={year}&quarter={quarter}",
        "rollup": list(reports.minutes_rollup(request.user, year, quarter)),
        "can_score": access.may_review_minutes(request.user),
    }
    return render(request, "meetings/minutes_check.html", context)


@role_required(access.MINUTES_REVIEWERS)
def minutes_score(request, pk: int):
    meeting = get_object_or_404(selectors.meetings_for(request.user), pk=pk)
    current = getattr(meeting, "minutes_score", None)
    initial = {"score": current.score, "note": current.note} if current else None
    form = MinutesScoreForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            minutes_services.minutes_score(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Score saved."))
            year, quarter = quarter_of(meeting.date)
            return redirect(f"{reverse('minutes-check')}?year={year}&quarter={quarter}")
    return render(request, "meetings/minutes_score.html", {"meeting": meeting, "form": form})
