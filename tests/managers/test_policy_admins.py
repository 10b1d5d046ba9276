"""The one-row policies (journal deadlines R-JNL-1, outing return time R-VIS-2, rotation
R-PRO-11, access review R-PRO-8, new-account targets R-CUS-6) are edited in admin, never
added a second time nor deleted."""

import pytest
from django.contrib import admin

from compliance.rotation import AccessReviewPolicy, RotationPolicy
from customers.models import OutingPolicy
from managers.models import JournalPolicy
from performance.models import NewAccountPolicy


@pytest.mark.parametrize(
    "model", [JournalPolicy, OutingPolicy, RotationPolicy, AccessReviewPolicy, NewAccountPolicy]
)
def test_a_policy_is_one_row(model, bank, rf):
    model_admin = admin.site._registry[model]
    request = rf.get("/admin/")
    request.user = bank.admin
    model.objects.all().delete()
    assert model_admin.has_add_permission(request)
    model.current().save()
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_delete_permission(request, model.objects.get())
