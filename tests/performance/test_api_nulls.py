"""Regressions found by the API fuzzer (tests/hardening/test_api_fuzz.py): what the API
answers is what its schema says."""

from django.urls import reverse

from tests.api_schema import api_schema, nullable
from tests.factories import default_rule_set
from tests.performance.helpers import evaluate


def test_a_scheduled_whole_bank_evaluation_has_null_unit_and_requester(api_client_for, bank):
    default_rule_set()
    evaluation = evaluate(2026, 3)
    url = reverse("api:evaluation-detail", args=[evaluation.pk])
    data = api_client_for(bank.admin).get(url).json()
    assert data["unit_name"] is None and data["requested_by"] is None
    for field in ("unit_name", "requested_by", "rule_set_year"):
        assert nullable("Evaluation", field), field


def test_an_empty_figures_body_is_a_documented_400(api_client_for, bank):
    response = api_client_for(bank.integration).post(
        reverse("api:figures"), b"", content_type="text/csv"
    )
    assert response.status_code == 400 and set(response.json()) == {"detail"}
    shapes = api_schema()["components"]["schemas"]["FigureImportRefused"]["oneOf"]
    assert {"$ref": "#/components/schemas/ErrorDetail"} in shapes
