import pytest
from django.db import transaction
from django.test import Client, override_settings
from rest_framework.authtoken.models import Token

from tests.conftest import build_bank
from tests.hardening.objects import World, build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> World:
    """The cast and one object of every kind on each side, built once per module and
    rolled back after it (evidence files under a temporary MEDIA_ROOT)."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        yield build_world(build_bank())
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def clients(world) -> dict[str, Client]:
    """A logged-in browser per cast member; the integration client also sends its token,
    as integrations do (the API then authenticates it by token)."""
    result = {}
    for name, user in world.bank.users().items():
        client = Client()
        client.force_login(user)
        if name == "integration":
            token, _created = Token.objects.get_or_create(user=user)
            client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
        result[name] = client
    return result
