"""Phone-sized forms for logging a visit (R-VIS-1) and registering an outing (R-VIS-2).
Dropdowns list only what the user may pick; the services check it again."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .choices import VisitMethod
from .models import Customer, Outing, OutingPolicy
from .visit_selectors import customers_for, local_zone, open_outings_of

INPUT = {"class": "form-control form-control-lg"}
SELECT = {"class": "form-select form-select-lg"}


def datetime_input():
    return forms.DateTimeInput(attrs={"type": "datetime-local", **INPUT}, format="%Y-%m-%dT%H:%M")


def text_input(**attrs):
    return forms.TextInput(attrs={**INPUT, **attrs})


def text_area(rows: int = 2):
    return forms.Textarea(attrs={"rows": rows, **INPUT})


def this_minute() -> datetime:
    return timezone.localtime(timezone.now(), local_zone()).replace(second=0, microsecond=0)


class OutingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Outing) -> str:
        left = date_format(timezone.localtime(obj.left_at, local_zone()), "m-d H:i")
        return f"{obj.destination} · {left}"


class VisitForm(forms.Form):
    """R-VIS-1: what a visit record holds, in the order it is told."""

    customer = forms.ModelChoiceField(
        label=_("Customer"), queryset=Customer.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    method = forms.ChoiceField(
        label=_("Method"),
        choices=VisitMethod.choices,
        initial=VisitMethod.ON_SITE,
        widget=forms.RadioSelect(attrs={"class": "btn-check"}),
    )
    visited_at = forms.DateTimeField(
        label=_("Visited at"),
        required=False,
        widget=datetime_input(),
        help_text=_("Leave as it is for now. A visit cannot be in the future."),
    )
    person_met = forms.CharField(
        label=_("Person met (name)"), max_length=100, widget=text_input(autocomplete="off")
    )
    person_department = forms.CharField(
        label=_("Their department"), max_length=100, required=False, widget=text_input()
    )
    person_position = forms.CharField(
        label=_("Their position"), max_length=100, required=False, widget=text_input()
    )
    purpose = forms.CharField(label=_("Purpose and intended result"), widget=text_area())
    outcome = forms.CharField(label=_("Outcome and information gathered"), widget=text_area(rows=3))
    next_steps = forms.CharField(label=_("Next steps"), required=False, widget=text_area())
    outing = OutingChoiceField(
        label=_("During outing"),
        queryset=Outing.objects.none(),
        required=False,
        empty_label=_("Not during an outing"),
        widget=forms.Select(attrs=SELECT),
    )

    def __init__(self, *args, user, manager, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("visited_at", this_minute())
        super().__init__(*args, **kwargs)
        self.fields["customer"].queryset = customers_for(user)
        self.fields["outing"].queryset = open_outings_of(manager)

    def clean_visited_at(self):
        return self.cleaned_data["visited_at"] or None  # empty: now (the service decides)


def usual_return(now: datetime, return_by: time) -> datetime:
    """Suggested expected return: today's return time (R-VIS-2), or in two hours when it
    has already passed."""
    zone = local_zone()
    today_return = timezone.make_aware(datetime.combine(now.date(), return_by), zone)
    return today_return if today_return > now else now + timedelta(hours=2)


class OutingForm(forms.Form):
    """R-VIS-2: registered before leaving."""

    destination = forms.CharField(
        label=_("Where are you going?"), max_length=200, widget=text_input()
    )
    customer = forms.ModelChoiceField(
        label=_("Customer"),
        queryset=Customer.objects.none(),
        required=False,
        empty_label=_("No particular customer"),
        widget=forms.Select(attrs=SELECT),
    )
    purpose = forms.CharField(label=_("Why?"), widget=text_area())
    left_at = forms.DateTimeField(
        label=_("Leaving at"),
        required=False,
        widget=datetime_input(),
        help_text=_("Leave as it is for now."),
    )
    expected_return_at = forms.DateTimeField(label=_("Back by"), widget=datetime_input())

    def __init__(self, *args, user, **kwargs):
        now = this_minute()
        return_by = OutingPolicy.current().return_by
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("left_at", now)
        kwargs["initial"].setdefault("expected_return_at", usual_return(now, return_by))
        super().__init__(*args, **kwargs)
        self.fields["customer"].queryset = customers_for(user)
        self.fields["expected_return_at"].help_text = _(
            "Return by %(time)s to write up your visits (R-VIS-2)."
        ) % {"time": return_by.strftime("%H:%M")}

    def clean_left_at(self):
        return self.cleaned_data["left_at"] or None  # empty: now (the service decides)
