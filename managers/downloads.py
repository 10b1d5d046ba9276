"""Excel files sent to the browser as downloads."""

from django.http import FileResponse

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(output, filename: str) -> FileResponse:
    """`output` (a file or file-like object holding an .xlsx) as an attachment."""
    return FileResponse(
        output, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )
