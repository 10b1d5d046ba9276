"""Forms of violation cases and disciplinary actions. Dropdowns list only what the user
may pick; the services check it again."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from managers.models import AccountManager

from .case_selectors import reportable_managers
from .choices_cases import CASE_TRANSITIONS, CaseStatus, DisciplineKind
from .evidence_files import ALLOWED_LABEL, MAX_EVIDENCE_BYTES
from .prohibitions import Prohibition
from .violations import ViolationCase

DATE = {"type": "date", "class": "form-control"}
TEXT = {"class": "form-control"}
SELECT = {"class": "form-select"}
ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
NUMBERS = re.compile(r"[\s,，;；、]+")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the service (size, type)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"class": "form-control", "accept": ACCEPT}),
        )
        kwargs.setdefault(
            "help_text",
            _("Up to %(size)d MB each: %(types)s.")
            % {"size": MAX_EVIDENCE_BYTES // 2**20, "types": ALLOWED_LABEL},
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class RuleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Prohibition) -> str:
        return f"{obj.code} {obj.title}"


def rule_field(required: bool = False) -> RuleChoiceField:
    return RuleChoiceField(
        label=_("Rules breached"),
        queryset=Prohibition.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=required,
    )


class ViolationReportForm(forms.Form):
    """Anyone with a role reports a suspected breach (R-PRO-1…11)."""

    manager = forms.ModelChoiceField(
        label=_("Account manager"),
        queryset=AccountManager.objects.none(),
        widget=forms.Select(attrs=SELECT),
    )
    rules = rule_field()
    occurred_on = forms.DateField(label=_("Occurred on"), widget=forms.DateInput(attrs=DATE))
    place = forms.CharField(label=_("Place"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    customer_numbers = forms.CharField(
        label=_("Customer numbers concerned"),
        required=False,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_("Separated by commas or spaces; only customers you may see."),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4, **TEXT})
    )
    confidential = forms.BooleanField(
        label=_("Keep my name confidential from the account manager's unit"), required=False
    )
    evidence = MultipleFileField(label=_("Evidence files"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = reportable_managers(user).order_by("employee_number")
        self.fields["occurred_on"].initial = timezone.localdate()

    def clean_customer_numbers(self) -> list[str]:
        return [n for n in NUMBERS.split(self.cleaned_data["customer_numbers"]) if n]


class CaseStepForm(forms.Form):
    """Compliance moves a case one step (R-PRO): a note always; rules when confirming."""

    to_status = forms.ChoiceField(label=_("Next status"), widget=forms.Select(attrs=SELECT))
    rules = rule_field()
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2, **TEXT}))

    def __init__(self, *args, case: ViolationCase, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = CASE_TRANSITIONS[CaseStatus(case.status)]
        self.fields["to_status"].choices = [(s.value, s.label) for s in CaseStatus if s in allowed]
        self.fields["rules"].initial = [rule.pk for rule in case.rules.all()]


class EvidenceForm(forms.Form):
    evidence = MultipleFileField(label=_("Evidence files"))


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ViolationCase) -> str:
        return f"{obj.number} · {obj.manager.name}"


class ActionRecordForm(forms.Form):
    """Compliance or HR records an action (R-DIS-1…3), usually from a confirmed case."""

    manager = forms.ModelChoiceField(
        label=_("Account manager"),
        queryset=AccountManager.objects.none(),
        widget=forms.Select(attrs=SELECT),
    )
    kind = forms.ChoiceField(
        label=_("Action"), choices=DisciplineKind.choices, widget=forms.Select(attrs=SELECT)
    )
    case = CaseChoiceField(
        label=_("Violation case"),
        queryset=ViolationCase.objects.none(),
        required=False,
        empty_label=_("No case"),
        widget=forms.Select(attrs=SELECT),
    )
    start_date = forms.DateField(
        label=_("Proposed start"), required=False, widget=forms.DateInput(attrs=DATE)
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3, **TEXT}))

    def __init__(self, *args, managers, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = managers
        self.fields["case"].queryset = cases


class ActionDecisionForm(forms.Form):
    start_date = forms.DateField(label=_("Takes effect on"), widget=forms.DateInput(attrs=DATE))
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
