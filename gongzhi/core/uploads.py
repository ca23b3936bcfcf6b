"""Checking uploaded documents (scans of contracts, licences, ballots): the content must
really be a PDF or an image, and no larger than settings.GONGZHI_MAX_UPLOAD_BYTES.

The file's own bytes decide, not its name or the browser's content type.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),  # followed by size and "WEBP" at offset 8, checked below
    "xlsx": (b"PK\x03\x04",),
}
DOCUMENT_KINDS = ("pdf", "png", "jpeg", "gif", "webp")


def sniff(head: bytes) -> str | None:
    """The kind of file whose first bytes are ``head`` (None if not one we accept)."""
    for kind, signatures in SIGNATURES.items():
        if any(head.startswith(sig) for sig in signatures):
            if kind == "webp" and head[8:12] != b"WEBP":
                continue
            return kind
    return None


def validate_upload(
    upload: UploadedFile,
    *,
    kinds: Iterable[str] = DOCUMENT_KINDS,
    max_bytes: int | None = None,
) -> str:
    """Return the detected kind or raise a translated ValidationError (nothing is saved)."""
    limit = max_bytes if max_bytes is not None else settings.GONGZHI_MAX_UPLOAD_BYTES
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    kind = sniff(head)
    allowed = tuple(kinds)
    if kind not in allowed:
        if set(allowed) <= {"xlsx"}:
            message = _("Upload an Excel workbook (.xlsx).")
        else:
            message = _("Upload a PDF or an image (PNG, JPEG, GIF or WebP).")
        raise ValidationError(message, code="bad_type")
    return kind
