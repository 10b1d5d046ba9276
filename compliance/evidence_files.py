"""Evidence uploads: at most 10 MB each, and only PDF, JPEG, PNG, Word (.docx) and Excel
(.xlsx), recognised by their content, not by the name the browser sent. Checked before
anything is saved, so a refused file leaves no case, no row and no file behind."""

import hashlib
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_EVIDENCE_FILES = 10
ALLOWED_LABEL = "PDF, JPG, PNG, DOCX, XLSX"

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png", DOCX: "docx", XLSX: "xlsx"}
# The part an Office Open XML package of each kind must contain.
OOXML_MAIN_PART = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}


@dataclass(frozen=True)
class CheckedFile:
    upload: object  # the UploadedFile
    name: str
    content_type: str
    size: int
    sha256: str

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


def sniff(upload) -> str | None:
    """The allowed type the content is, or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        return _office_type(upload)
    return None


def _office_type(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    for content_type, part in OOXML_MAIN_PART.items():
        if part in names:
            return content_type
    return None


def _digest(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def check_evidence(uploads) -> list[CheckedFile]:
    """Every file checked; any refusal raises one error naming each refused file."""
    uploads = list(uploads)
    if len(uploads) > MAX_EVIDENCE_FILES:
        raise ValidationError(
            {"evidence": _("At most %(count)d files at a time.") % {"count": MAX_EVIDENCE_FILES}}
        )
    problems, checked = [], []
    for upload in uploads:
        name = (upload.name or "").rsplit("/", 1)[-1][:200]
        if upload.size > MAX_EVIDENCE_BYTES:
            problems.append(
                _("%(name)s is larger than %(limit)s.")
                % {"name": name, "limit": filesizeformat(MAX_EVIDENCE_BYTES)}
            )
            continue
        content_type = sniff(upload)
        if content_type is None:
            problems.append(
                _("%(name)s is not an allowed type (%(allowed)s).")
                % {"name": name, "allowed": ALLOWED_LABEL}
            )
            continue
        checked.append(CheckedFile(upload, name, content_type, upload.size, _digest(upload)))
    if problems:
        raise ValidationError({"evidence": problems})
    return checked
