"""Server time of the dashboards at bench size (the demo bank's `bench` size: 100
sub-branches, 5,000 account managers, 48,500 customers, a year of monthly figures and the
2026Q2 and 2026Q3 evaluations): the branch HR's dashboard of the whole branch, a sub-branch head's,
and an account manager's day. The query counts printed do not grow with the scope.
"cold" is the dashboard right after an import or evaluation, nothing cached yet."""

from bench.common import setup_django, time_calls


def main() -> None:
    setup_django()
    from django.test import Client

    from managers.choices import Role
    from managers.models import AccountManager, OrgUnit, User
    from performance.dashboard_cache import forget_cached

    hr = User.objects.get(username="hr")
    head = User.objects.filter(role=Role.UNIT_HEAD, org_unit__depth=3).order_by("pk").first()
    am_user = User.objects.filter(role=Role.ACCOUNT_MANAGER, is_active=True).order_by("pk").first()
    units = OrgUnit.objects.restrict(hr).count()
    managers = AccountManager.objects.restrict(hr).count()
    print(f"HR's scope: {units} org units, {managers} account managers")
    for label, user, url in (
        ("GET /performance/dashboard/ (branch, HR)", hr, "/performance/dashboard/"),
        ("GET /performance/dashboard/ (sub-branch head)", head, "/performance/dashboard/"),
        ("GET /performance/my-day/ (account manager)", am_user, "/performance/my-day/"),
    ):
        if user is None:
            print(f"{label}: no such user in the demo bank")
            continue
        client = Client()
        client.force_login(user)
        time_calls(label, lambda client=client, url=url: client.get(url), repeat=10)
        if "dashboard" in url:

            def cold(client=client, url=url):
                forget_cached()
                return client.get(url)

            time_calls(label.replace(")", ", cold)"), cold, repeat=10)


if __name__ == "__main__":
    main()
