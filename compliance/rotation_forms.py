"""Admin forms that apply R-PRO-10 where a person's post changes outside the services:
an account manager's unit or status, a staff user's role and unit."""

from django import forms
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import ValidationError

from .rotation_rules import refuse_head_of_former_unit, refuse_move_before_handover


def _checked(form, check, **values) -> None:
    try:
        check(form.instance, **values)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)


class HandoverCheckedManagerForm(forms.ModelForm):
    def clean(self):
        data = super().clean()
        if self.instance.pk and data.get("unit") is not None:
            _checked(
                self,
                refuse_move_before_handover,
                unit_id=data["unit"].pk,
                status=data.get("status", self.instance.status),
            )
        return data


class FormerUnitCheckedUserForm(UserChangeForm):
    def clean(self):
        data = super().clean()
        unit = data.get("org_unit")
        _checked(
            self,
            refuse_head_of_former_unit,
            role=data.get("role"),
            org_unit_id=unit.pk if unit is not None else None,
        )
        return data
