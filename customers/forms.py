from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from managers.models import AccountManager
from performance.selectors import previous_half_year_deposit_avg

from .models import Customer

DATE = forms.DateInput(attrs={"type": "date"})
SHARE_HELP = _("As a fraction or percentage: 0.6 or 60%.")


class ShareField(forms.DecimalField):
    """Accepts 0.6, 60 or 60% and stores the fraction (R-CUS-4)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 7)
        kwargs.setdefault("decimal_places", 4)
        kwargs.setdefault("help_text", SHARE_HELP)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().rstrip("%").strip()
        number = super().to_python(value)
        if number is not None and number > 1:
            number = number / 100
        return number


class ScopedManagerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, manager):
        return f"{manager.name}（{manager.employee_number}）· {manager.unit.name}"


def _managers_for(user):
    return AccountManager.objects.restrict(user).select_related("unit").exclude(status="exited")


class RevealForm(forms.Form):
    purpose = forms.CharField(
        label=_("Purpose"),
        min_length=4,
        max_length=500,
        help_text=_("Why you need the full ID number and phone. This is logged."),
    )


class AssignForm(forms.Form):
    manager = ScopedManagerChoiceField(
        label=_("Account manager"), queryset=AccountManager.objects.none()
    )
    credit_share = ShareField(label=_("Credit share"))
    start_date = forms.DateField(label=_("From"), widget=DATE, initial=timezone.localdate)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = _managers_for(user)


class BulkAssignForm(AssignForm):
    customers = forms.ModelMultipleChoiceField(
        label=_("Customers"), queryset=Customer.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, user, customers, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["customers"].queryset = customers


class TransferForm(forms.Form):
    from_manager = ScopedManagerChoiceField(label=_("From"), queryset=AccountManager.objects.none())
    to_manager = ScopedManagerChoiceField(label=_("To"), queryset=AccountManager.objects.none())
    transfer_date = forms.DateField(
        label=_("Transfer date"), widget=DATE, initial=timezone.localdate
    )
    baseline_deposit_avg = forms.DecimalField(
        label=_("Baseline deposit daily average (yuan)"),
        min_value=0,
        max_digits=18,
        decimal_places=2,
        help_text=_("The customer's daily average of the previous half year (R-CUS-4)."),
    )
    increase_share = ShareField(label=_("New holder's share of the increase"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, customer, **kwargs):
        super().__init__(*args, **kwargs)
        holders = AccountManager.objects.filter(
            assignments__customer=customer, assignments__end_date__isnull=True
        ).select_related("unit")
        self.fields["from_manager"].queryset = holders
        self.fields["to_manager"].queryset = _managers_for(user)
        from_figures = previous_half_year_deposit_avg(customer, timezone.localdate())
        self.fields["baseline_deposit_avg"].initial = (
            customer.deposit_daily_avg if from_figures is None else from_figures
        )


class EndAssignmentForm(forms.Form):
    end_date = forms.DateField(label=_("Until"), widget=DATE, initial=timezone.localdate)
