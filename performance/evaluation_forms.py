"""The form that asks for an evaluation (R-ELG-5): a period and a scope."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from managers.models import OrgUnit

from .evaluations import parse_period, previous_quarter


class EvaluationRequestForm(forms.Form):
    period = forms.CharField(
        label=_("Period"), max_length=10, help_text=_("Year and quarter, e.g. 2026Q3.")
    )
    unit = forms.ModelChoiceField(
        label=_("Scope"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("Your whole scope"),
    )

    def __init__(self, *args, user, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.restrict(user)  # no other unit's name
        year, quarter = previous_quarter(today)
        self.fields["period"].initial = f"{year}Q{quarter}"

    def clean_period(self) -> tuple[int, int]:
        try:
            return parse_period(self.cleaned_data["period"])
        except ValidationError as error:
            raise ValidationError(error.messages) from error

    def request_arguments(self) -> dict:
        """The keyword arguments of `evaluation_request` (besides the actor)."""
        year, quarter = self.cleaned_data["period"]
        return {"year": year, "quarter": quarter, "unit": self.cleaned_data["unit"]}
