"""Issue #9, audit: every change to business data has a history entry (who, when, what
kind, before/after) and every reveal or export of customer personal data an access-log
entry (R-PRO-8, R-CUS-7).

The write routes come from the URL configuration (`audit_cases.write_routes`), so a new
write route fails `test_every_write_route_is_walked` until it has a case; each case makes
one valid write as an allowed cast member, by session for pages and by token for the API,
and every row it created, changed or deleted in a business table must have its history
row by that member, written during the request, with the changed fields in its diff."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from compliance.models import CustomerDataAccess
from config.celery import app as celery_app
from tests.hardening.audit_access import ACCESS_CASES, PERSONAL_DATA, give_personal_data
from tests.hardening.audit_cases import NO_BUSINESS_EFFECT, Write, write_routes
from tests.hardening.audit_forms import form_values
from tests.hardening.audit_history import (
    HISTORY_EXEMPT,
    business_models,
    changes,
    history_model,
    history_problems,
    label,
    now,
    snapshot,
)
from tests.hardening.audit_table import WRITE_CASES, cases
from tests.hardening.matrix import MATRIX
from tests.hardening.responses import body_text
from tests.hardening.routes import NOT_IN_MATRIX, all_routes

pytestmark = pytest.mark.django_db
ROUTES = all_routes()


def test_every_business_model_has_history():
    """ARCHITECTURE.md: django-simple-history on every business model, figures excepted."""
    labels = {label(model) for model in business_models()}
    missing = [
        label(model)
        for model in business_models()
        if history_model(model) is None and label(model) not in HISTORY_EXEMPT
    ]
    assert not missing, f"Add `history = HistoricalRecords()` to {missing}"
    assert set(HISTORY_EXEMPT) <= labels, "HISTORY_EXEMPT names models that are gone"
    tracked = [name for name in HISTORY_EXEMPT if history_model(_model(name)) is not None]
    assert not tracked, f"These have history now: take them out of HISTORY_EXEMPT: {tracked}"


def _model(name):
    return next(model for model in business_models() if label(model) == name)


def test_every_write_route_is_walked():
    routes = write_routes()
    missing = sorted(set(routes) - set(WRITE_CASES) - set(NO_BUSINESS_EFFECT))
    assert not missing, f"Add a case to tests/hardening/audit_table*.py for {missing}"
    assert not sorted(set(WRITE_CASES) - set(routes)), "WRITE_CASES names non-write routes"
    assert set(NO_BUSINESS_EFFECT) <= set(ROUTES) | set(NOT_IN_MATRIX), "routes that are gone"


def test_the_route_reader_finds_page_and_api_writes():
    routes = write_routes()
    assert routes["customer-assign"] == ["post"]  # @require_POST
    assert routes["meeting-create"] == ["post"]  # request.POST in the view
    assert sorted(routes["api:manager-detail"]) == ["patch", "put"]
    assert "customer-list" not in routes and "api:customer-list" not in routes


def client_for(user, *, api: bool):
    """Pages by session, the API by token (as integrations and scripts do), so that the
    history's author is checked with DRF's own authentication, not the session's."""
    if api:
        client = APIClient()
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client
    client = Client()
    client.force_login(user)
    return client


def _url(name: str, case: Write, world, prepared) -> str:
    if case.kwargs:
        kwargs = case.kwargs(world, prepared)
    elif case.subject:
        kwargs = {"pk": world.sides["a"].objects[case.subject].pk}
    else:
        kwargs = {}
    query = case.query(world, prepared) if callable(case.query) else case.query
    return reverse(name, kwargs=kwargs) + query


def _payload(client, url: str, case: Write, world, prepared):
    data = case.data(world, prepared) if callable(case.data) else dict(case.data)
    if case.prefill:
        page = client.get(url)
        assert page.status_code == 200, f"GET {url}: {page.status_code}"
        data = form_values(page.content.decode()) | data
    return data


def _send(client, url: str, case: Write, data, *, api: bool):
    send = getattr(client, case.method)
    if api:
        return send(url, data, format=case.format)
    return send(url, data)


def _refusal(response) -> str:
    """Why a page or the API did not write: form errors or the answer's body."""
    context = getattr(response, "context", None)
    if context:
        contexts = context if isinstance(context, list) else [context]
        errors = {
            f"{key}: {value.errors}"
            for each in contexts
            for key, value in each.flatten().items()
            if hasattr(value, "errors") and value.errors
        }
        if errors:
            return "; ".join(sorted(errors))[:2000]
    queued = getattr(getattr(response, "wsgi_request", None), "_messages", None)
    notes = [str(message) for message in getattr(queued, "_queued_messages", [])]
    return "; ".join(notes) or body_text(response)[:2000]


@pytest.mark.parametrize(("name", "index"), [(n, i) for n, i, _case in cases()])
def test_write_leaves_history(name, index, world, django_capture_on_commit_callbacks):
    case = dict(((n, i), c) for n, i, c in cases())[(name, index)]
    user = world.bank.users()[case.member]
    api = name.startswith("api:")
    client = client_for(user, api=api)
    prepared = case.prepare(world) if case.prepare else {}
    url = _url(name, case, world, prepared)
    data = _payload(client, url, case, world, prepared)

    before, start = snapshot(), now()
    # Tasks enqueued on commit run here, in-process, as the worker would run them.
    previous, celery_app.conf.task_always_eager = celery_app.conf.task_always_eager, True
    try:
        with django_capture_on_commit_callbacks(execute=case.run_tasks):
            response = _send(client, url, case, data, api=api)
    finally:
        celery_app.conf.task_always_eager = previous
    end, after = now(), snapshot()

    assert response.status_code < 400, f"{response.status_code}: {_refusal(response)}"
    found = changes(before, after)
    assert found, f"The write changed no business data: {_refusal(response)}"
    problems = [p for c in found for p in history_problems(c, user=user, start=start, end=end)]
    assert not problems, "\n".join(problems)


def test_every_row_has_a_first_history_row(world):
    """Seeded defaults included (…_history_of_seeded_rows migrations): the first change to
    a row can then show what it was before."""
    missing = {}
    for model in business_models():
        historical = history_model(model)
        if historical is None:
            continue
        recorded = historical.objects.values(model._meta.pk.attname)
        count = model._base_manager.exclude(pk__in=recorded).count()
        if count:
            missing[label(model)] = count
    assert missing == {}, f"Rows without history: {missing}"


@pytest.fixture(scope="module")
def personal(world, django_db_blocker):
    with django_db_blocker.unblock():
        give_personal_data(world)
    return world


@pytest.mark.parametrize("name", sorted(ACCESS_CASES))
def test_reveal_or_export_is_logged(name, personal):
    world = personal
    """R-PRO-8, R-CUS-7: one access-log entry per reveal, export or import, with the user,
    the time, the customers, the action and the page or endpoint."""
    access = ACCESS_CASES[name]
    case = access.write
    user = world.bank.users()[case.member]
    api = name.startswith("api:")
    client = client_for(user, api=api)
    url = _url(name, case, world, {})
    data = _payload(client, url, case, world, {})
    before, start = set(CustomerDataAccess.objects.values_list("pk", flat=True)), now()
    response = _send(client, url, case, data, api=api)
    end = now()

    assert response.status_code < 400, f"{response.status_code}: {_refusal(response)}"
    text = body_text(response)
    entries = list(CustomerDataAccess.objects.exclude(pk__in=before))
    assert len(entries) == 1, f"{len(entries)} access-log entries"
    entry, numbers = entries[0], access.customers(world, user)
    assert (entry.user, entry.action) == (user, access.action)
    assert start <= entry.at <= end
    assert sorted(entry.customer_numbers) == sorted(numbers)
    assert entry.customer_count == len(numbers)
    assert entry.path == url.split("?")[0] and entry.purpose
    shown = any(value in text for value in PERSONAL_DATA)
    assert shown == access.shows_personal_data


@pytest.fixture(scope="module")
def admin_client(personal, django_db_blocker):
    with django_db_blocker.unblock():
        return client_for(personal.bank.admin, api=False)


EXPORTS = {name for name, access in ACCESS_CASES.items() if access.write.method == "get"}


@pytest.mark.parametrize("name", sorted(set(MATRIX) - EXPORTS))
def test_no_other_route_shows_personal_data(name, world, admin_client):
    """Every other page and API read (the customer page before a reveal included), as the
    administrator, who sees everything, shows personal data masked and writes no
    access-log entry: a route that starts showing it fails here until it is in
    ACCESS_CASES and logs the access."""
    rule, route = MATRIX[name], ROUTES[name]
    if rule.post_only:
        return
    if route.parameters and rule.subject:
        urls = [reverse(name, kwargs={route.parameters[0]: world.pk(rule.subject, "a")})]
    else:
        urls = [reverse(name, kwargs=kwargs) for kwargs in rule.variants]
    for url in urls:
        before = CustomerDataAccess.objects.count()
        text = body_text(admin_client.get(url))
        assert not [value for value in PERSONAL_DATA if value in text], url
        assert CustomerDataAccess.objects.count() == before, url


def test_the_history_check_has_teeth(world):
    """A change that bypasses simple-history (`update()`), or is recorded as someone
    else's, is reported: the walk can fail."""
    customer = world.sides["a"].objects["customer"]
    user = world.bank.head_a
    before, start = snapshot(), now()
    type(customer).objects.filter(pk=customer.pk).update(name="绕过历史的改名")
    found = changes(before, snapshot())
    assert [str(change) for change in found] == [f"customers.Customer #{customer.pk} ~ ['name']"]
    assert history_problems(found[0], user=user, start=start, end=now()) == [
        f"{found[0]}: no history row"
    ]
    customer.refresh_from_db()
    customer._history_user = world.bank.hr
    customer.save()
    problems = history_problems(found[0], user=user, start=start, end=now())
    assert problems == [f"{found[0]}: history_user {world.bank.hr.pk}, not {user.pk}"]
