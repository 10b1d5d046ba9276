"""The access-log review page (R-PRO-8): heavy days and off-hours access highlighted."""

from datetime import timedelta

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from managers.access import role_required
from managers.filtersets import DATE_INPUT

from .access_review import access_review
from .views import LOG_READERS

MAX_DAYS = 366
DEFAULT_DAYS = 30


class ReviewPeriodForm(forms.Form):
    date_from = forms.DateField(label=gettext_lazy("From"), widget=DATE_INPUT)
    date_to = forms.DateField(label=gettext_lazy("Until"), widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and not 0 <= (end - start).days < MAX_DAYS:
            raise forms.ValidationError(
                _("Choose a period of one day to one year, the end after the start.")
            )
        return data


@role_required(LOG_READERS)
def access_review_page(request):
    today = timezone.localdate()
    initial = {"date_from": today - timedelta(days=DEFAULT_DAYS), "date_to": today}
    form = ReviewPeriodForm(request.GET or initial)
    context = {"filter": {"form": form}, "review": None}
    if form.is_valid():
        data = form.cleaned_data
        review = access_review(user=request.user, start=data["date_from"], end=data["date_to"])
        page = Paginator(review.off_hours, 50).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context |= {"review": review, "page": page, "query": query.urlencode()}
    return render(request, "compliance/access_review.html", context)
