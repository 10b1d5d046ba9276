"""Every named route of the URL configuration, read from Django's resolver, so that a
route added anywhere shows up here without anyone listing it."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

# Routes the permission matrix leaves out, each for a reason:
NOT_IN_MATRIX = {
    "login": "anonymous by design; lockout is tested in test_security_settings",
    "logout": "POST only, ends the caller's own session",
    "set_language": "Django's language switch: sets a cookie, shows no data",
    "healthz": "liveness probe for the container: no data, no login",
    "api-schema": "the OpenAPI document: describes routes, holds no data (fuzzed separately)",
    "api-docs": "Swagger UI page around the schema: no data",
}
# Whole URL namespaces left out: the admin site has its own staff-only permission system.
NAMESPACES_NOT_IN_MATRIX = {"admin": "Django admin: is_staff and model permissions"}

_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>")


@dataclass(frozen=True)
class Route:
    name: str  # namespaced: "api:customer-detail"
    pattern: str  # the route as written, e.g. "customers/<int:pk>/"
    parameters: tuple[str, ...]  # URL keyword arguments, e.g. ("pk",)
    view: Callable = field(compare=False, repr=False)

    @property
    def is_api(self) -> bool:
        return self.name.startswith("api:")


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name, namespace, entry.callback


def all_routes() -> dict[str, Route]:
    """Named routes by name. DRF's format-suffix twins (`.json`) of a route are the same
    view, so a name is listed once, with the plain pattern."""
    routes: dict[str, Route] = {}
    for pattern, name, namespace, view in _walk(get_resolver().url_patterns):
        if namespace.split(":")[0] in NAMESPACES_NOT_IN_MATRIX:
            continue
        full_name = f"{namespace}:{name}" if namespace else name
        if name is None:
            raise AssertionError(f"Route {pattern!r} has no name: the matrix cannot list it.")
        parameters = tuple(a or b for a, b in _PARAMETER.findall(pattern))
        if "format" in parameters or full_name in NOT_IN_MATRIX:
            continue
        routes.setdefault(full_name, Route(full_name, pattern, parameters, view))
    return routes
