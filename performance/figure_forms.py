"""The upload form of the figure import page: an .xlsx or .csv file (the API also takes
JSON bodies; the page does not)."""

from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

PAGE_FORMATS = ("xlsx", "csv")


class FigureUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv", "class": "form-control"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if file_format(upload.name) not in PAGE_FORMATS:
            raise ValidationError(
                gettext_lazy(
                    "Only .xlsx and .csv files can be imported (save an .xls file as .xlsx)."
                ),
                code="file_format",
            )
        return upload


def file_format(name: str) -> str:
    """The format `figure_import_submit` expects: the extension, lower case, without dot."""
    return PurePath(name or "").suffix.lower().removeprefix(".")
