"""Forms of the work-journal pages (R-JNL-1): the account manager's phone-sized journal,
the head's review, the period picker of the missing/late and rate pages, spot checks.
Dropdowns list only what the user may pick; the services check it again."""

from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .form_errors import add_service_errors
from .journal_compliance import MAX_PERIOD_DAYS
from .models import OrgUnit, WorkJournal
from .models.journals import SECTION_FIELDS

INPUT = {"class": "form-control form-control-lg"}
SMALL_INPUT = {"class": "form-control form-control-sm"}
DATE = forms.DateInput(attrs={"type": "date", **SMALL_INPUT}, format="%Y-%m-%d")
SUBMIT = "submit"


def show_service_errors(form, error: ValidationError) -> None:
    """A service's error on its field, or on top of the form when it names none."""
    if hasattr(error, "error_dict"):
        add_service_errors(form, error)
    else:
        form.add_error(None, error.messages)


def text_area(rows: int = 3, **attrs):
    return forms.Textarea(attrs={"rows": rows, **INPUT, **attrs})


def month_start(day: date) -> date:
    return day.replace(day=1)


class JournalForm(forms.ModelForm):
    """R-JNL-1: the sections of the day's journal. The button pressed decides whether it
    is kept as a draft or submitted (`wants_submit`)."""

    day = forms.DateField(widget=forms.HiddenInput)

    class Meta:
        model = WorkJournal
        fields = list(SECTION_FIELDS)
        widgets = {name: text_area() for name in SECTION_FIELDS}

    def __init__(self, *args, action: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.wants_submit = action == SUBMIT

    def sections(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in SECTION_FIELDS}


class ReviewForm(forms.Form):
    """R-JNL-1, R-VIS-2: the head's signed opinion and the next working day's work."""

    opinion = forms.CharField(label=_("Opinion"), widget=text_area(rows=3))
    next_day_work = forms.CharField(
        label=_("Work assigned for the next working day"),
        required=False,
        widget=text_area(rows=3),
        help_text=_("Shown to the account manager on their journal page the next working day."),
    )


def scoped_unit_field(user, *, required: bool) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Org unit (and below)"),
        queryset=OrgUnit.objects.restrict(user),
        required=required,
        empty_label=_("All my units") if not required else None,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )


class PeriodForm(forms.Form):
    """The period and unit of the missing/late and submission-rate pages. Unbound: this
    month up to today, all the user's units."""

    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("Until"), widget=DATE)

    def __init__(self, data=None, *, user, **kwargs):
        today = timezone.localdate()
        values = {"start": month_start(today).isoformat(), "end": today.isoformat()}
        super().__init__(values | dict((data or {}).items()), **kwargs)
        self.fields["unit"] = scoped_unit_field(user, required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if start > end:
                self.add_error("end", _("The period ends before it starts."))
            elif end - start > timedelta(days=MAX_PERIOD_DAYS - 1):
                message = _("Choose a period of at most %(days)d days.")
                self.add_error("end", message % {"days": MAX_PERIOD_DAYS})
        return cleaned


class SpotCheckForm(forms.Form):
    """R-JNL-1: which journals to sample, and how many (a number or a percentage)."""

    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("Until"), widget=DATE)
    count = forms.IntegerField(
        label=_("Number of journals"),
        min_value=1,
        required=False,
        widget=forms.NumberInput(attrs=SMALL_INPUT),
    )
    percent = forms.IntegerField(
        label=_("Or percentage"),
        min_value=1,
        max_value=100,
        required=False,
        widget=forms.NumberInput(attrs=SMALL_INPUT),
    )
    seed = forms.IntegerField(
        label=_("Random seed"),
        min_value=0,
        required=False,
        widget=forms.NumberInput(attrs=SMALL_INPUT),
        help_text=_("Leave empty for a new sample; a recorded seed draws that sample again."),
    )

    def __init__(self, *args, user, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault("initial", {"start": month_start(today), "end": today, "count": 10})
        super().__init__(*args, **kwargs)
        self.fields["unit"] = scoped_unit_field(user, required=True)
        self.order_fields(["unit", "start", "end", "count", "percent", "seed"])


class ConclusionForm(forms.Form):
    conclusion = forms.CharField(label=_("Conclusion"), widget=text_area(rows=4))
