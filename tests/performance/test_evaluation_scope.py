"""Who sees which evaluations (R-ORG-1): a unit's users their subtree's and those covering
their unit; administrators every one. Regression: `Q() | covering` is `covering` alone, so
administrators saw only the whole bank's evaluations (found by the permission matrix)."""

from django.urls import reverse

from performance.models import Evaluation
from tests.factories import default_rule_set
from tests.performance.helpers import evaluate


def test_administrators_see_every_unit_evaluation(client, bank):
    default_rule_set()
    of_a, of_b, whole = (
        evaluate(2026, 3, bank.sub_a),
        evaluate(2026, 3, bank.sub_b),
        evaluate(2026, 3),
    )
    assert set(Evaluation.objects.restrict(bank.admin)) == {of_a, of_b, whole}
    assert set(Evaluation.objects.restrict(bank.head_a)) == {of_a, whole}
    client.force_login(bank.admin)
    assert client.get(reverse("evaluation-detail", args=[of_b.pk])).status_code == 200
