"""Schemathesis against our OpenAPI schema (/api/schema/), in-process through the WSGI
application, as the branch's integration client with its token: generated requests to
every operation (valid and invalid data) never get a 5xx, and every response matches the
schema. Bounded to a few examples per operation so that it fits the normal suite."""

import json
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.wsgi import application

pytestmark = pytest.mark.django_db
# Random (Hypothesis) requests per operation, valid and invalid. HARDENING_FUZZ_FULL=1 adds
# schemathesis' coverage phase (boundary values of every parameter and field: ~120 requests
# per operation, ~5 minutes) and the schema's own examples.
EXAMPLES_PER_OPERATION = 20
PHASES = [Phase.generate, Phase.shrink]
if os.environ.get("HARDENING_FUZZ_FULL") == "1":
    PHASES.insert(0, Phase.explicit)
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture(scope="module")
def auth(world) -> dict:
    token, _created = Token.objects.get_or_create(user=world.bank.integration)
    return {"Authorization": f"Token {token.key}"}


@pytest.fixture
def in_process():
    """The WSGI handler closes the database connection after each request; inside the
    test's transaction it must not (Django's test client does the same, and puts the
    handler back after each of its own requests: hence a fixture per test)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def generated_schema() -> dict:
    """The document /api/schema/ serves, generated without a request (so at collection,
    before there is a database): schemathesis' lazy fixture loader does not work with
    pytest 9. `test_the_fuzzed_schema_is_the_served_one` checks the two are the same."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document))


schema = schemathesis.openapi.from_dict(generated_schema())
schema.app = application  # requests go in-process through the WSGI application


def test_the_fuzzed_schema_is_the_served_one(client, auth, in_process):
    served = client.get("/api/schema/?format=json", HTTP_AUTHORIZATION=auth["Authorization"])
    assert served.status_code == 200
    assert json.loads(served.content) == generated_schema()


@schema.parametrize()
@pytest.mark.usefixtures("in_process")
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    phases=PHASES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
@override_settings(API_TOKEN_THROTTLE_RATE=None)  # the fuzzer's burst is not an integration's
def test_api_conforms_to_its_schema(case, auth):
    case.call_and_validate(headers=auth, checks=CHECKS)
