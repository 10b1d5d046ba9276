"""Server time of the list endpoints and pages over a whole branch at bench size
(100 sub-branches, 5,000 account managers), as the branch's HR sees it."""

from bench.common import setup_django, time_calls


def main() -> None:
    setup_django()
    from django.test import Client

    from managers.models import AccountManager, User

    hr = User.objects.get(username="hr")
    client = Client()
    client.force_login(hr)
    visible = AccountManager.objects.restrict(hr).count()
    print(f"account managers in HR's scope: {visible}")
    time_calls("GET /api/v1/managers/ (page 1 of 50 rows)", lambda: client.get("/api/v1/managers/"))
    time_calls(
        "GET /api/v1/managers/?page=80", lambda: client.get("/api/v1/managers/", {"page": 80})
    )
    time_calls(
        "GET /api/v1/managers/?q=王 (search)", lambda: client.get("/api/v1/managers/", {"q": "王"})
    )
    time_calls("GET /api/v1/org-units/", lambda: client.get("/api/v1/org-units/"))
    time_calls("GET /managers/ (page)", lambda: client.get("/managers/"))
    time_calls("GET /org-units/ (page)", lambda: client.get("/org-units/"))


if __name__ == "__main__":
    main()
