"""The audit walk's machinery: the routes that write (read from the URL resolver, like
the permission matrix), what a case of the walk is (`Write`) and the builders of its
data. The table itself, one valid write per write route by a cast member allowed to make
it, is `audit_table.WRITE_CASES`; a write route missing there fails
`test_every_write_route_is_walked`.

A case names the acting member, the object of side a whose id goes into the URL, and
the data; page cases start from the form as the page shows it (`audit_forms`). Dates
are relative to today where the services check them against today."""

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from compliance.prohibitions import Prohibition
from customers.models import Customer, Outing
from managers.models import WorkJournal
from meetings.models import LeaveRequest
from tests.customers.import_files import csv_upload, customer_row
from tests.hardening.routes import all_routes
from tests.meetings.helpers import meeting_type

WRITE_METHODS = ("post", "put", "patch", "delete")

# Write routes with no effect on business data, each for a reason.
NO_BUSINESS_EFFECT = {
    "login": "signs in: sessions and django-axes' attempts, no business data",
    "logout": "ends the caller's own session",
    "set_language": "sets the language cookie",
    "customer-detail": "POST reveals personal data: an access-log entry (ACCESS_CASES)",
    "api:customer-reveal": "reveals personal data: an access-log entry (ACCESS_CASES)",
}


def write_routes() -> dict[str, list[str]]:
    """Route name → write methods, of every named route of the URL configuration: API
    routes by the methods their views implement, pages by whether the view reads a
    POST (`request.POST`, `require_POST`, `request.method == "POST"`)."""
    found = {}
    for name, route in all_routes().items():
        view = route.view
        if hasattr(view, "actions"):  # a DRF viewset
            methods = [m for m in view.actions if m in WRITE_METHODS]
        elif hasattr(view, "cls"):  # a DRF APIView
            methods = [m for m in WRITE_METHODS if hasattr(view.cls, m)]
        else:
            methods = ["post"] if "POST" in inspect.getsource(inspect.unwrap(view)) else []
        if methods:
            found[name] = methods
    return found


@dataclass(frozen=True)
class Write:
    member: str  # the cast member who writes (tests/conftest.py)
    data: Callable | dict = field(default_factory=dict)  # (world, prepared) -> payload
    subject: str | None = None  # a side-a object of the world whose id is the URL's
    kwargs: Callable | None = None  # (world, prepared) -> URL kwargs, instead of subject
    method: str = "post"
    format: str = "json"  # API: "json" or "multipart"
    query: Callable | str = ""  # a page's setup query string (e.g. which register)
    prefill: bool = False  # a page: start from the values of the form the page shows
    prepare: Callable | None = None  # (world) -> dict, run before the write is watched
    run_tasks: bool = False  # run the Celery tasks the write enqueues, as a worker would


def side_a(world, name):
    return world.sides["a"].objects[name]


def today():
    return timezone.localdate()


def day(offset: int = 0) -> str:
    return (today() + timedelta(days=offset)).isoformat()


def weekday_before(offset: int = 3) -> str:
    """A Monday-to-Friday day at least `offset` days ago (a meeting's day)."""
    moment = today() - timedelta(days=offset)
    while moment.weekday() >= 5:
        moment -= timedelta(days=1)
    return moment.isoformat()


def weekday_after(offset: int = 7) -> str:
    """A Monday-to-Friday day at least `offset` days ahead (a leave's day)."""
    moment = today() + timedelta(days=offset)
    while moment.weekday() >= 5:
        moment += timedelta(days=1)
    return moment.isoformat()


def unassigned(world):
    """Side a's customer that nobody holds (objects.py creates it)."""
    return Customer.objects.get(name__contains=f"{world.sides['a'].marker}未分配")


def draft_journal(world) -> dict:
    manager = world.sides["a"].manager
    journal = WorkJournal.objects.create(manager=manager, day=today(), results="草稿")
    return {"journal": journal}


def outing(world) -> dict:
    """An outing under way now (the page offers only recent outings to check)."""
    side, now = world.sides["a"], timezone.now()
    outing = Outing.objects.create(
        manager=side.manager,
        customer=side.objects["customer"],
        destination="客户厂区",
        purpose="走访",
        left_at=now - timedelta(hours=1),
        expected_return_at=now + timedelta(hours=1),
    )
    return {"outing": outing}


def leave(world) -> dict:
    """A leave request for next week (side a's in the world is for a day now past)."""
    side = world.sides["a"]
    leave = LeaveRequest.objects.create(
        manager=side.manager,
        unit=side.unit,
        date_from=weekday_after(),
        date_to=weekday_after(),
        reason="事假",
        requested_by=side.manager_user,
        requested_at=timezone.now(),
    )
    return {"leave": leave}


def pk(name: str) -> Callable:
    return lambda world, prepared: {"pk": prepared[name].pk}


def customer_file(world, prepared):
    row = customer_row(world.bank, {"客户号": "AUDIT1", "客户名称": "审计测试客户"})
    return {"file": csv_upload([row])}


def figures_json(world, prepared):
    number = side_a(world, "customer").number
    return [{"customer_number": number, "month": "2026-01", "deposit_avg": 500000, "loan_avg": 0}]


def meeting_api(world, prepared):
    side = world.sides["a"]
    day_ = date.fromisoformat(weekday_before(1))
    start = datetime.combine(day_, time(7, 50), tzinfo=timezone.get_current_timezone())
    return {
        "unit": side.unit.pk,
        "meeting_type": meeting_type("morning").pk,
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(minutes=35)).isoformat(),
        "host": side.head.pk,
        "place": "会议室",
        "minutes": "纪要",
        "sign_ins": [{"manager": side.manager.pk, "signed_in_at": None}],
    }


def report(world, prepared) -> dict:
    return {
        "manager": world.sides["a"].manager.pk,
        "occurred_on": day(-3),
        "place": "营业厅",
        "description": "审计走查",
    }


def rule_pks(*codes) -> list[int]:
    return list(Prohibition.objects.filter(code__in=codes).values_list("pk", flat=True))


def big_deposits(world) -> dict:
    """Nine months of 6,000万 deposits for side a's customer, rolled up as imports do."""
    from performance.figure_rollups import rollup_all
    from tests.performance.helpers import monthly

    monthly(side_a(world, "customer"), 2026, range(1, 10), deposit_wan=6000)
    rollup_all([2025, 2026])
    return {}


def figure_csv(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from performance import figure_files

    headers = ",".join(column.header for column in figure_files.COLUMNS)
    number = side_a(world, "customer").number
    row = f"{number},2026-01,500000,0,0,正常,0,0,0"
    return SimpleUploadedFile("figures.csv", f"{headers}\n{row}\n".encode())


A = "am_a_user"
