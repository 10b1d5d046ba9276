"""R-ORG-2: the navigation fits the role."""

import pytest
from django.urls import reverse


def nav_urls(client, user) -> set[str]:
    client.force_login(user)
    return {item["url"] for item in client.get(reverse("home")).context["nav"]}


@pytest.mark.parametrize(
    ("user_attr", "present", "absent"),
    [
        ("am_a_user", {"my-profile"}, {"manager-list", "orgunit-list", "admin:index"}),
        ("head_a", {"manager-list", "orgunit-list"}, {"my-profile", "admin:index", "api-docs"}),
        ("hr", {"manager-list", "orgunit-list"}, {"admin:index"}),
        ("compliance", {"manager-list", "orgunit-list"}, {"admin:index"}),
        ("admin", {"manager-list", "orgunit-list", "admin:index", "api-docs"}, {"my-profile"}),
    ],
)
def test_navigation_by_role(client, bank, user_attr, present, absent):
    urls = nav_urls(client, getattr(bank, user_attr))
    assert {reverse(name) for name in present} <= urls
    assert not {reverse(name) for name in absent} & urls
