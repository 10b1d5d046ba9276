"""Every page and API route × every member of the cast × an object inside and outside their
subtree: the answer is the one `matrix.MATRIX` gives, a 200 never shows another unit's data
(its names and texts, or its ids in an API list), and every POST form on a page carries a
CSRF token. Routes come from the URL configuration, so a new route is covered the day it
is added, and fails until the matrix says who may use it. GET only: the writes are tested
by each app's own tests."""

import pytest
from django.urls import get_resolver, reverse

from managers.choices import Role
from tests.hardening.matrix import KNOWN_BUGS, MATRIX, SIDE_OF, expected_statuses, sees
from tests.hardening.responses import body_text, forms_without_csrf_token, listed_ids
from tests.hardening.routes import NOT_IN_MATRIX, all_routes

pytestmark = pytest.mark.django_db
ROUTES = all_routes()
SIDES = ("a", "b")


def test_every_route_is_in_the_matrix():
    missing = sorted(set(ROUTES) - set(MATRIX))
    assert not missing, f"Say who may use these routes in tests/hardening/matrix.py: {missing}"
    assert not sorted(set(MATRIX) - set(ROUTES)), "The matrix names routes that are gone."


def test_routes_left_out_of_the_matrix_exist():
    names = {name for name in get_resolver().reverse_dict if isinstance(name, str)}
    assert set(NOT_IN_MATRIX) <= names


def test_every_rule_names_an_object_the_world_has(world):
    for name, rule in MATRIX.items():
        parameters = set(ROUTES[name].parameters)
        if parameters:
            covered = rule.subject or all(set(kwargs) == parameters for kwargs in rule.variants)
            assert covered, f"{name} takes an id or a kind: name its subject or variants"
        if rule.subject:
            assert rule.subject in world.sides["a"].objects, (name, rule.subject)
            assert rule.subject in world.sides["b"].objects, (name, rule.subject)


@pytest.fixture(scope="module")
def roles(world) -> dict:
    return {member: Role(user.role) for member, user in world.bank.users().items()}


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_route(name, world, clients, roles):
    rule, route = MATRIX[name], ROUTES[name]
    problems = {}
    for member, client in clients.items():
        problems[member] = []
        for side, kwargs in _urls(rule, route, world):
            url = reverse(name, kwargs=kwargs)
            response = client.get(url)
            found = _problems(name, response, world, member, roles[member], side)
            problems[member] += [f"GET {url}: {problem}" for problem in found]
    failures = [
        f"{member}: {problem}"
        for member, found in problems.items()
        if (name, member) not in KNOWN_BUGS
        for problem in found
    ]
    failures += [
        f"{member}: the known bug is fixed: remove ({name!r}, {member!r}) from KNOWN_BUGS"
        for member, found in problems.items()
        if (name, member) in KNOWN_BUGS and not found
    ]
    assert not failures, "\n".join(failures)


def _urls(rule, route, world):
    """(side, URL kwargs): the side-a and side-b object of a route that takes an id, each
    variant of a list route."""
    if route.parameters and rule.subject:
        return [(side, {route.parameters[0]: world.pk(rule.subject, side)}) for side in SIDES]
    return [(None, kwargs) for kwargs in rule.variants]


def _problems(name, response, world, member, role, side) -> list[str]:
    rule = MATRIX[name]
    status = response.status_code
    wanted = expected_statuses(rule, member, role, side)
    found = [] if status in wanted else [f"{status}, expected {sorted(wanted)}"]
    own_side = SIDE_OF.get(member)
    if side and own_side and side != own_side and status < 400 and rule.seen_by != "global":
        found.append(f"{status} on an object of the other sub-branch")
    if status != 200:
        return found
    text = body_text(response)
    if own_side:
        other = world.sides["b" if own_side == "a" else "a"]
        leaked = [marker for marker in other.markers if marker in text]
        found += [f"shows the other sub-branch's {leaked}"] if leaked else []
    if response.get("Content-Type", "").startswith("text/html"):
        found += [
            f"POST form to {action} has no CSRF token" for action in forms_without_csrf_token(text)
        ]
    if ROUTES[name].is_api and rule.subject and side is None:
        found += _list_problems(rule, response, world, member, role)
    return found


def _list_problems(rule, response, world, member, role) -> list[str]:
    ids = listed_ids(response)
    if ids is None:
        return ["not a list"]
    found = []
    for side in SIDES:
        pk = world.pk(rule.subject, side)
        if sees(rule, member, role, side) and pk not in ids:
            found.append(f"misses side {side}'s {rule.subject} {pk}")
        elif not sees(rule, member, role, side) and pk in ids:
            found.append(f"lists side {side}'s {rule.subject} {pk}, outside the scope")
    return found


@pytest.mark.parametrize(
    "name", ["customer-list", "manager-list", "api:journal-list", "meeting-list"]
)
def test_the_leak_check_has_teeth(name, world, clients):
    """The markers the matrix looks for are on the pages of those who may see them: the
    branch's HR sees both sides', sub-branch A's head side a's."""

    def shows(member, side):
        text = body_text(clients[member].get(reverse(name)))
        return any(marker in text for marker in world.sides[side].markers)

    assert shows("hr", "a") and shows("hr", "b")
    assert shows("head_a", "a") and not shows("head_a", "b")
