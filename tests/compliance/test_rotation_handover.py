"""R-PRO-10: no change of post (unit) and no leaving (status exited) while the AM still
holds customers — through the service, the API and the admin page; an AM who rotated
away from an outlet may not become its head within a year (admin user page)."""

from datetime import date

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.test import RequestFactory

from customers.services import assignment_end
from managers.choices import ManagerStatus, Role
from managers.models import AccountManager, User
from managers.services import account_manager_update
from tests.compliance.rest_helpers import hold
from tests.factories import UserFactory

MANAGERS = "/api/v1/managers/"
JOINED = {"date_joined_0": "2020-01-01", "date_joined_1": "08:00:00"}


@pytest.fixture
def held(bank):
    return hold(bank.am_a, date(2024, 1, 1), bank.head_a, count=2)


@pytest.mark.parametrize("change", [{"unit": "sub_b"}, {"status": ManagerStatus.EXITED}])
def test_service_refuses_a_move_before_the_handover(bank, held, change):
    fields = {k: getattr(bank, v) if k == "unit" else v for k, v in change.items()}
    with pytest.raises(ValidationError) as error:
        account_manager_update(manager=bank.am_a, actor=bank.hr, **fields)
    (field,) = change
    assert bank.am_a.name in " ".join(error.value.message_dict[field])
    stored = AccountManager.objects.get(pk=bank.am_a.pk)
    assert (stored.unit, stored.status) == (bank.sub_a, ManagerStatus.ACTIVE)


def test_after_the_handover_the_move_goes_through(bank, held):
    for assignment in held:
        assignment_end(actor=bank.head_a, assignment=assignment, end_date=date(2026, 1, 1))
    moved = account_manager_update(manager=bank.am_a, actor=bank.hr, unit=bank.sub_b)
    assert moved.unit == bank.sub_b
    other = account_manager_update(manager=bank.am_a, actor=bank.hr, name="甲经理二")
    assert other.name == "甲经理二"


def test_api_refuses_with_a_field_message(bank, held, api_client_for):
    api = api_client_for(bank.hr)
    response = api.patch(f"{MANAGERS}{bank.am_a.pk}/", {"unit": bank.sub_b.pk}, format="json")
    assert response.status_code == 400
    assert "unit" in response.json()
    response = api.patch(f"{MANAGERS}{bank.am_a.pk}/", {"status": "exited"}, format="json")
    assert response.status_code == 400 and "status" in response.json()
    assert AccountManager.objects.get(pk=bank.am_a.pk).unit == bank.sub_a


def admin_form(bank, model, obj, **changes):
    request = RequestFactory().post("/")
    request.user = bank.admin
    model_admin = admin.site._registry[model]
    data = {k: v for k, v in model_to_dict(obj).items() if v is not None}
    data |= changes
    form_class = model_admin.get_form(request, obj, change=True)
    return form_class(data=data, instance=obj)


def test_admin_page_refuses_the_move(bank, held):
    form = admin_form(bank, AccountManager, bank.am_a, unit=bank.sub_b.pk)
    assert not form.is_valid()
    assert bank.am_a.name in str(form.errors["unit"])


def test_rotated_am_cannot_head_the_former_outlet_within_a_year(bank):
    user = UserFactory(username="am_a1", role=Role.ACCOUNT_MANAGER, org_unit=bank.outlet_a1)
    bank.am_a1.user = user
    bank.am_a1.save()
    account_manager_update(manager=bank.am_a1, actor=bank.hr, unit=bank.sub_b)
    user = User.objects.get(pk=user.pk)
    form = admin_form(
        bank,
        User,
        user,
        role=Role.UNIT_HEAD,
        org_unit=bank.outlet_a1.pk,
        **JOINED,
    )
    assert not form.is_valid()
    assert list(form.errors) == ["role"] and "365" in str(form.errors["role"])
    form = admin_form(
        bank,
        User,
        user,
        role=Role.UNIT_HEAD,
        org_unit=bank.sub_b.pk,
        **JOINED,
    )
    assert form.is_valid(), form.errors
