"""Forms of the meeting pages: the meeting with its sign-in register (desktop and phone),
leave, and minutes scores. Dropdowns list only what the user may pick; the services
check everything again."""

from datetime import datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from managers.models import OrgUnit, User

from .models import Meeting, MeetingType, Member
from .selectors import hosts_for, leave_people_for, local_zone, meeting_units_for
from .services import SignIn

INPUT = {"class": "form-control"}
SELECT = {"class": "form-select"}
TIME = forms.TimeInput(attrs={"type": "time", **INPUT}, format="%H:%M")
DATE = forms.DateInput(attrs={"type": "date", **INPUT}, format="%Y-%m-%d")


def text_area(rows: int = 3):
    return forms.Textarea(attrs={"rows": rows, **INPUT})


def at(day, moment: time | None):
    if moment is None:
        return None
    return timezone.make_aware(datetime.combine(day, moment), local_zone())


class MeetingSetupForm(forms.Form):
    """Which register to load: unit, type and day (a GET form)."""

    unit = forms.ModelChoiceField(
        label=_("Org unit"), queryset=OrgUnit.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    meeting_type = forms.ModelChoiceField(
        label=_("Meeting type"),
        queryset=MeetingType.objects.active(),
        widget=forms.Select(attrs=SELECT),
    )
    date = forms.DateField(label=_("Date"), widget=DATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = meeting_units_for(user)


class HostChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_full_name()} · {obj.get_role_display()}"


class MeetingForm(forms.Form):
    """R-MTG-1: host, start and end, place, the content sections and the minutes."""

    starts_at = forms.TimeField(label=_("Started at"), widget=TIME)
    ends_at = forms.TimeField(label=_("Ended at"), widget=TIME)
    host = HostChoiceField(
        label=_("Host"), queryset=User.objects.none(), widget=forms.Select(attrs=SELECT)
    )
    place = forms.CharField(label=_("Place"), max_length=100, widget=forms.TextInput(attrs=INPUT))
    combined_with = forms.ModelChoiceField(
        label=_("Also held as"),
        queryset=MeetingType.objects.active().filter(may_combine=True),
        required=False,
        empty_label=_("No other meeting"),
        widget=forms.Select(attrs=SELECT),
    )
    study = forms.CharField(label=_("Study of laws and rules"), required=False, widget=text_area())
    reports = forms.CharField(
        label=_("Reports and difficulties"), required=False, widget=text_area()
    )
    priorities = forms.CharField(label=_("Today's priorities"), required=False, widget=text_area())
    minutes = forms.CharField(label=_("Minutes"), required=False, widget=text_area(5))

    def __init__(self, *args, user, day, **kwargs):
        self.day = day
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = hosts_for(user)

    def clean(self):
        data = super().clean()
        for name in ("starts_at", "ends_at"):
            if data.get(name) is not None:
                data[name] = at(self.day, data[name])
        return data


def meeting_initial(user, meeting_type: MeetingType, day) -> dict:
    starts = meeting_type.starts_at or time(8, 0)
    ends = meeting_type.ends_by or (datetime.combine(day, starts) + timedelta(minutes=60)).time()
    host = user if hosts_for(user).filter(pk=user.pk).exists() else None
    return {"starts_at": starts, "ends_at": ends, "host": host}


def edit_initial(meeting: Meeting) -> dict:
    zone = local_zone()
    return {
        "starts_at": timezone.localtime(meeting.starts_at, zone).time(),
        "ends_at": timezone.localtime(meeting.ends_at, zone).time(),
        "host": meeting.host_id,
        "place": meeting.place,
        "combined_with": meeting.combined_with_id,
        "study": meeting.study,
        "reports": meeting.reports,
        "priorities": meeting.priorities,
        "minutes": meeting.minutes,
    }


class SignInForm(forms.Form):
    """One row of the register: who (hidden), when they signed in, when they left early."""

    member = forms.CharField(widget=forms.HiddenInput)
    signed_in = forms.TimeField(label=_("Signed in at"), required=False, widget=TIME)
    left_at = forms.TimeField(label=_("Left early at"), required=False, widget=TIME)

    def clean_member(self):
        try:
            return Member.from_key(self.cleaned_data["member"])
        except ValueError as error:
            raise ValidationError(_("Unknown person.")) from error


SignInFormSet = forms.formset_factory(SignInForm, extra=0)


def sign_ins_from(formset, day) -> list[SignIn]:
    return [
        SignIn(
            form.cleaned_data["member"],
            at(day, form.cleaned_data.get("signed_in")),
            at(day, form.cleaned_data.get("left_at")),
        )
        for form in formset.forms
        if form.cleaned_data.get("member")
    ]


class LeaveForm(forms.Form):
    """R-MTG-2: leave asked in advance."""

    person = forms.ChoiceField(label=_("Person"), widget=forms.Select(attrs=SELECT))
    date_from = forms.DateField(label=_("From"), widget=DATE)
    date_to = forms.DateField(label=_("Until"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), widget=text_area(2))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        managers, officers = leave_people_for(user)
        choices = [(f"m{m.pk}", str(m)) for m in managers]
        choices += [(f"s{u.pk}", u.get_full_name()) for u in officers]
        self.fields["person"].choices = choices
        if len(choices) == 1:
            self.fields["person"].initial = choices[0][0]

    def clean_person(self):
        return Member.from_key(self.cleaned_data["person"])


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("Remarks"), required=False, widget=text_area(2))


class MinutesScoreForm(forms.Form):
    """R-MTG-3: a score out of 100 and a note."""

    score = forms.IntegerField(
        label=_("Score (0–100)"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", **INPUT}),
    )
    note = forms.CharField(label=_("Remarks"), required=False, widget=text_area(2))
