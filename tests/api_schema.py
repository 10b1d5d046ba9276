"""The OpenAPI document the API serves, for tests that check a response against it."""

from functools import cache

from drf_spectacular.generators import SchemaGenerator


@cache
def api_schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def nullable(component: str, field: str) -> bool:
    """Whether the schema lets `field` of `component` be null."""
    return bool(
        api_schema()["components"]["schemas"][component]["properties"][field].get("nullable")
    )
