from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import GradeChangeKind
from .models import GradeLevel


class GradeChangeProposalForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=GradeChangeKind.choices)
    to_level = forms.ModelChoiceField(
        label=_("To grade"),
        queryset=GradeLevel.objects.filter(scheme__is_active=True),
        required=False,
        help_text=_("Leave empty for an exit."),
    )
    effective_date = forms.DateField(
        label=_("Effective date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class GradeDecisionForm(forms.Form):
    opinion = forms.CharField(
        label=_("Opinion"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    exception_justification = forms.CharField(
        label=_("Justification of the exception (破格)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when prerequisites are not met or for an exceptional promotion."),
    )
