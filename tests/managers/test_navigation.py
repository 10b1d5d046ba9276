"""R-ORG-2: the navigation fits the role."""

import pytest
from django.urls import reverse


def nav_urls(client, user) -> set[str]:
    client.force_login(user)
    urls = set()
    for item in client.get(reverse("home")).context["nav"]:
        urls |= {link["url"] for link in item.get("children", [item])}
    return urls


@pytest.mark.parametrize(
    ("user_attr", "present", "absent"),
    [
        (
            "am_a_user",
            {"my-profile", "my-journal", "my-day"},
            {"manager-list", "orgunit-list", "admin:index", "journal-review-queue"},
        ),
        (
            "head_a",
            {
                "manager-list",
                "orgunit-list",
                "journal-review-queue",
                "spot-check-list",
                "dashboard",
            },
            {"my-profile", "admin:index", "api-docs", "my-journal"},
        ),
        (
            "hr",
            {"manager-list", "orgunit-list", "journal-missing", "journal-rates"},
            {"admin:index", "journal-review-queue"},
        ),
        ("compliance", {"manager-list", "orgunit-list"}, {"admin:index"}),
        ("admin", {"manager-list", "orgunit-list", "admin:index", "api-docs"}, {"my-profile"}),
    ],
)
def test_navigation_by_role(client, bank, user_attr, present, absent):
    urls = nav_urls(client, getattr(bank, user_attr))
    assert {reverse(name) for name in present} <= urls
    assert not {reverse(name) for name in absent} & urls


def test_entries_are_grouped_and_only_the_closest_link_is_active(client, bank):
    client.force_login(bank.head_a)
    nav = client.get(reverse("visit-list")).context["nav"]
    groups = {str(item["label"]): item for item in nav if "children" in item}
    assert {"客户", "客户拜访与外出", "等级管理"} <= set(groups)
    active = [
        link["url"] for item in nav for link in item.get("children", [item]) if link["active"]
    ]
    assert active == [reverse("visit-list")]
    assert groups["客户拜访与外出"]["active"] and not groups["客户"]["active"]
