"""One roster export request (filters, scope, title, file name), shared by the page's
download buttons and the API's export endpoints."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponseBase, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext

from .downloads import xlsx_response
from .exports import roster_csv_lines, write_roster_xlsx
from .filtersets import AccountManagerFilterSet
from .models import AccountManager
from .selectors import account_managers_for

ITERATOR_CHUNK = 2000


@dataclass(frozen=True)
class RosterExport:
    managers: QuerySet[AccountManager]
    unit_name: str
    today: date

    @classmethod
    def from_request(cls, request, *, today: date) -> "RosterExport":
        """The user's scoped roster with the request's filters; bad filters raise."""
        filterset = AccountManagerFilterSet(
            request.GET, queryset=account_managers_for(request.user), request=request
        )
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        chosen = filterset.form.cleaned_data.get("unit")
        user = request.user
        if chosen:
            unit_name = chosen.name
        elif user.sees_whole_bank or user.org_unit is None:
            unit_name = gettext("Whole bank")
        else:
            unit_name = user.org_unit.name
        return cls(filterset.qs, unit_name, today)

    @property
    def title(self) -> str:
        name = gettext("Account manager roster")
        return f"{name} · {self.unit_name} · {self.today:%Y-%m-%d}"

    def filename(self, extension: str) -> str:
        name = gettext("Account manager roster")
        return f"{name}-{self.unit_name}-{self.today:%Y%m%d}.{extension}"

    def response(self, file_format: str) -> HttpResponseBase:
        """The download: a streamed CSV, or the .xlsx written to a temporary file."""
        if file_format == "csv":
            return StreamingHttpResponse(
                roster_csv_lines(self._rows(), today=self.today),
                content_type="text/csv; charset=utf-8",
                headers={
                    "Content-Disposition": content_disposition_header(True, self.filename("csv"))
                },
            )
        return xlsx_response(
            write_roster_xlsx(self._rows(), title=self.title, today=self.today),
            self.filename("xlsx"),
        )

    def _rows(self):
        return self.managers.iterator(chunk_size=ITERATOR_CHUNK)
