"""Figure import pages (DOMAIN §3): what HR sees when importing monthly figures — the
import's page with counts, or every problem by row and column with nothing saved and a
report to download; progress polled while a large file runs; the template; who may import
and whose imports each importer sees; limits on the file."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from managers.choices import Role
from performance import figure_files
from performance.models import FigureImport, ImportStatus, MonthlyFigure
from tests.factories import CustomerFactory, UserFactory

HEADERS = [column.header for column in figure_files.COLUMNS]
GOOD_ROWS = [
    ["A001", "2026-01", "5000000", "1000000.5", "20000", "正常", "0", "0", "0"],
    ["A001", "2026-02", "6000000", "0", "0", "", "0", "0", "0"],
    ["A002", "2026-02", "1200000", "0", "0", "", "0", "0", "0"],
]


def csv_upload(rows, name="figures.csv") -> SimpleUploadedFile:
    lines = [",".join(HEADERS), *(",".join(row) for row in rows)]
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode())


def xlsx_upload(rows, name="figures.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def shown_in(html: str, name: str) -> str:
    """The text inside the element with data-testid=`name`."""
    match = re.search(rf'data-testid="{name}"[^>]*>([^<]*)<', html)
    assert match, f"no {name} on the page"
    return match.group(1).strip()


def error_cells(html: str) -> list[tuple[str, str]]:
    rows = re.findall(r'data-testid="import-error"><td>([^<]*)</td><td>([^<]*)</td>', html)
    return [(row, column) for row, column in rows]


def workbook_rows(response) -> list[tuple]:
    content = b"".join(response.streaming_content)
    return list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))


@pytest.fixture
def customers(bank):
    return [
        CustomerFactory(number="A001", unit=bank.sub_a),
        CustomerFactory(number="A002", unit=bank.sub_a),
    ]


def upload(client, user, file):
    client.force_login(user)
    return client.post(reverse("figure-import"), {"file": file}, follow=True)


def recorded(user, **values) -> FigureImport:
    values = {"file_name": "figures.csv", "file_format": "csv", "checksum": "ab" * 32} | values
    return FigureImport.objects.create(created_by=user, **values)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_hr_imports_a_file_and_sees_the_counts(client, bank, customers, file_format):
    make_upload = {"csv": csv_upload, "xlsx": xlsx_upload}[file_format]
    response = upload(client, bank.hr, make_upload(GOOD_ROWS))

    record = FigureImport.objects.get()
    assert response.redirect_chain == [(reverse("figure-import-detail", args=[record.pk]), 302)]
    html = response.content.decode()
    assert 'data-status="done"' in html and 'data-testid="import-done"' in html
    assert (shown_in(html, "rows-created"), shown_in(html, "rows-updated")) == ("3", "0")
    assert shown_in(html, "months") == "2026-01, 2026-02"
    assert "hx-trigger" not in html
    assert MonthlyFigure.objects.filter(figure_import=record).count() == 3
    assert record.created_by == bank.hr and record.file_format == file_format


def test_a_month_imported_again_is_counted_as_replaced(client, bank, customers):
    upload(client, bank.hr, csv_upload(GOOD_ROWS))
    html = upload(client, bank.hr, csv_upload(GOOD_ROWS[1:])).content.decode()
    assert (shown_in(html, "rows-created"), shown_in(html, "rows-updated")) == ("0", "2")
    assert MonthlyFigure.objects.count() == 3


def test_bad_rows_are_listed_by_row_and_column_and_nothing_is_saved(client, bank, customers):
    rows = [
        GOOD_ROWS[0],
        ["A001", "2026-13", "100", "0", "0", "", "0", "0", "0"],
        ["A002", "2026-01", "abc", "0", "0", "", "0", "0", "0"],
        ["Z999", "2026-01", "100", "0", "0", "", "0", "0", "0"],
    ]
    response = upload(client, bank.hr, csv_upload(rows))

    record = FigureImport.objects.get()
    assert record.status == ImportStatus.REJECTED
    html = response.content.decode()
    assert 'data-status="rejected"' in html and 'data-testid="import-failed"' in html
    shown = error_cells(html)
    assert [row for row, _column in shown] == ["3", "4", "5"]
    assert shown[:2] == [("3", "月份"), ("4", "日均存款(元)")]
    assert not MonthlyFigure.objects.exists()

    errors_url = reverse("figure-import-errors", args=[record.pk])
    assert errors_url in html
    report = client.get(errors_url)
    assert report.status_code == 200 and report["Content-Type"].endswith("sheet")
    assert [(row, column) for row, column, _message in workbook_rows(report)[1:]] == [
        (3, "月份"),
        (4, "日均存款(元)"),
        (5, shown[2][1]),
    ]


def test_a_large_file_is_queued_and_its_page_polls(client, bank, customers, settings):
    """Over FIGURE_IMPORT_SYNC_MAX_BYTES the import is left to a worker (its task is sent
    on commit, which the test's transaction never reaches)."""
    settings.FIGURE_IMPORT_SYNC_MAX_BYTES = 10
    response = upload(client, bank.hr, csv_upload(GOOD_ROWS))

    record = FigureImport.objects.get()
    assert record.status == ImportStatus.QUEUED
    html = response.content.decode()
    assert 'data-status="queued"' in html and 'hx-trigger="every 1s"' in html
    assert not MonthlyFigure.objects.exists()


def test_the_upload_checks_the_csrf_token(bank, customers):
    client = Client(enforce_csrf_checks=True)
    client.force_login(bank.hr)
    url = reverse("figure-import")
    assert client.post(url, {"file": csv_upload(GOOD_ROWS)}).status_code == 403
    client.get(url)
    token = client.cookies["csrftoken"].value
    response = client.post(url, {"file": csv_upload(GOOD_ROWS), "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and FigureImport.objects.get().status == "done"


def test_an_upload_over_the_limit_is_refused_and_nothing_recorded(
    client, bank, customers, monkeypatch
):
    monkeypatch.setattr(figure_files, "MAX_FILE_BYTES", 200)
    client.force_login(bank.hr)
    small_overrun = csv_upload(GOOD_ROWS * 3)  # read up to the limit, then stopped
    large = SimpleUploadedFile("big.csv", b"x" * 200_000)  # not read at all
    for file in (small_overrun, large):
        response = client.post(reverse("figure-import"), {"file": file})
        assert response.status_code == 200
        assert figure_files.MAX_FILE_LABEL in shown_in(response.content.decode(), "import-refused")
    assert not FigureImport.objects.exists() and not MonthlyFigure.objects.exists()


@pytest.mark.parametrize("name", ["figures.xls", "figures.json", "figures"])
def test_other_kinds_of_file_are_refused_by_the_form(client, bank, name):
    client.force_login(bank.hr)
    response = client.post(reverse("figure-import"), {"file": SimpleUploadedFile(name, b"a,b")})
    assert response.status_code == 200
    assert ".xlsx" in shown_in(response.content.decode(), "error-file")
    assert not FigureImport.objects.exists()


def test_the_form_explains_every_column(client, bank):
    client.force_login(bank.hr)
    html = client.get(reverse("figure-import")).content.decode()
    for header in HEADERS:
        assert f'<td class="text-nowrap">{header}</td>' in html
    assert reverse("figure-template") in html and figure_files.MAX_FILE_LABEL in html


@pytest.mark.parametrize("name", ["head_a", "am_a_user", "compliance"])
@pytest.mark.parametrize("url_name", ["figure-import", "figure-template", "figure-import-list"])
def test_users_who_may_not_import_get_403(client, bank, name, url_name):
    client.force_login(getattr(bank, name))
    assert client.get(reverse(url_name)).status_code == 403


def test_a_unit_head_cannot_post_a_file(client, bank, customers):
    client.force_login(bank.head_a)
    response = client.post(reverse("figure-import"), {"file": csv_upload(GOOD_ROWS)})
    assert response.status_code == 403 and not FigureImport.objects.exists()


def test_importers_see_their_own_imports_and_admins_all(client, bank):
    other_hr = UserFactory(role=Role.HR, org_unit=bank.branch)
    theirs = recorded(
        other_hr,
        status=ImportStatus.REJECTED,
        errors=[{"row": 2, "column": "月份", "message": "bad"}],
    )
    mine = recorded(bank.hr, file_name="mine.csv")

    client.force_login(bank.hr)
    for url_name in ("figure-import-detail", "figure-import-progress", "figure-import-errors"):
        assert client.get(reverse(url_name, args=[theirs.pk])).status_code == 404
    listed = client.get(reverse("figure-import-list")).content.decode()
    assert listed.count('data-testid="figure-import-row"') == 1 and "mine.csv" in listed
    assert client.get(reverse("figure-import-detail", args=[mine.pk])).status_code == 200

    client.force_login(bank.admin)
    assert client.get(reverse("figure-import-detail", args=[theirs.pk])).status_code == 200
    listed = client.get(reverse("figure-import-list")).content.decode()
    assert listed.count('data-testid="figure-import-row"') == 2
    assert ("ab" * 6) in listed and ("ab" * 32) + "<" not in listed  # checksum shortened


def test_the_template_downloads_and_reads_back(client, bank):
    client.force_login(bank.hr)
    response = client.get(reverse("figure-template"))
    assert response.status_code == 200 and response["Content-Type"].endswith("sheet")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    figures, notes = workbook.worksheets
    header, example = list(figures.iter_rows(values_only=True))
    assert list(header) == HEADERS
    assert example[:3] == ("C0000001", "2026-09", 5200000)
    assert figures["A2"].number_format == "@" and figures["B2"].number_format == "@"
    assert figures.freeze_panes == "A2"
    guide = list(notes.iter_rows(min_row=2, max_row=len(HEADERS) + 1, values_only=True))
    assert [row[0] for row in guide] == HEADERS
    assert all(row[2] for row in guide)
    assert {row[0] for row in guide if row[1] == guide[0][1]} == {
        column.header for column in figure_files.COLUMNS if column.required
    }


@pytest.mark.parametrize("status", [ImportStatus.QUEUED, ImportStatus.RUNNING])
def test_the_progress_polls_until_the_import_has_finished(client, bank, status):
    record = recorded(bank.hr, status=status, progress=40)
    client.force_login(bank.hr)
    progress_url = reverse("figure-import-progress", args=[record.pk])

    page = client.get(reverse("figure-import-detail", args=[record.pk])).content.decode()
    assert f'hx-get="{progress_url}"' in page and 'hx-trigger="every 1s"' in page
    fragment = client.get(progress_url).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "40%" in fragment
    assert "<html" not in fragment

    FigureImport.objects.filter(pk=record.pk).update(
        status=ImportStatus.DONE, progress=100, rows_created=7, months=["2026-01"]
    )
    fragment = client.get(progress_url).content.decode()
    assert "hx-trigger" not in fragment and shown_in(fragment, "rows-created") == "7"


def test_the_list_takes_the_same_queries_however_many_imports(client, bank):
    users = [bank.hr, bank.admin, bank.integration]

    def list_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("figure-import-list")).status_code == 200
        return len(queries)

    client.force_login(bank.admin)
    for user in users[:2]:
        recorded(user)
    two = list_queries()
    for user in users + users[:1]:
        recorded(user)
    assert FigureImport.objects.count() == 6
    assert list_queries() == two
