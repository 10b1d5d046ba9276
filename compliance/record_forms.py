"""Forms of the compliance record pages: outing checks (R-DIS-4), credit file handovers
and credit applications (R-DIS-4 deadlines), judicial measures (R-PRO-11). Choices are
the user's scope; customers are entered by number (a bank has too many for a list)."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from customers.models import Customer, Outing
from managers.filtersets import DATE_INPUT
from managers.models import AccountManager

from .deadlines import CreditApplication, CreditFileHandover

RECENT_OUTING_DAYS = 14


class ScopedForm:
    def scope(self, user) -> None:
        if "manager" in self.fields:
            self.fields["manager"].queryset = AccountManager.objects.restrict(user).order_by("name")
        self.user = user


class CustomerNumberField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(label=_("Customer number"), max_length=40, **kwargs)


def _customer(form, number: str) -> Customer:
    customer = Customer.objects.restrict(form.user).filter(number=number.strip()).first()
    if customer is None:
        raise forms.ValidationError(_("Choose a customer of your scope."))
    return customer


class OutingCheckForm(ScopedForm, forms.Form):
    outing = forms.ModelChoiceField(label=_("outing"), queryset=Outing.objects.none())
    checked_at = forms.DateTimeField(
        label=_("checked at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    at_registered_place = forms.BooleanField(
        label=_("found at the registered place"), required=False
    )
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        since = timezone.now() - timedelta(days=RECENT_OUTING_DAYS)
        outings = Outing.objects.restrict(user).filter(left_at__gte=since)
        self.fields["outing"].queryset = outings.select_related("manager")
        self.scope(user)


class DeadlineForm(ScopedForm, forms.ModelForm):
    customer_number = CustomerNumberField()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["customer_number"] = self.instance.customer.number
        self.scope(user)

    def clean_customer_number(self):
        self.instance.customer = _customer(self, self.cleaned_data["customer_number"])
        return self.cleaned_data["customer_number"]


class CreditFileHandoverForm(DeadlineForm):
    class Meta:
        model = CreditFileHandover
        fields = ["manager", "customer_number", "loan_granted_on", "handed_over_on"]
        widgets = {"loan_granted_on": DATE_INPUT, "handed_over_on": DATE_INPUT}


class CreditApplicationForm(DeadlineForm):
    class Meta:
        model = CreditApplication
        fields = ["manager", "customer_number", "received_on", "preliminary_opinion_on"]
        widgets = {"received_on": DATE_INPUT, "preliminary_opinion_on": DATE_INPUT}


class JudicialMeasureForm(ScopedForm, forms.Form):
    manager = forms.ModelChoiceField(
        label=_("account manager"), queryset=AccountManager.objects.none()
    )
    since = forms.DateField(label=_("under judicial measures from"), widget=DATE_INPUT)
    until = forms.DateField(label=_("until"), required=False, widget=DATE_INPUT)
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope(user)
