"""Uploaded documents attached to a row: the one model shape and the one download response.

Contract scans (seed 004 §8), complaint photos, mediation agreements, assessment evidence,
credit evidence and a matter's documents are all the same thing: a file checked by its
bytes (``gongzhi.core.uploads.validate_upload``), the name it was uploaded under, its
size and detected type, who uploaded it and when. Each app's model adds its owner row,
its ``scope`` and where the files go (``upload_to``); every scoped download view fetches
the row through a selector and answers with :func:`attachment_response`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongzhi.core.errors import FieldErrors, invalid
from gongzhi.core.fields import user_column
from gongzhi.core.scoping import Actor, ScopedModel, user_of
from gongzhi.core.uploads import sniff, validate_upload

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
"""The content type of each kind ``core.uploads.sniff`` recognises."""

UNKNOWN_CONTENT_TYPE = "application/octet-stream"


class Attachment(ScopedModel):
    """An uploaded file belonging to a row of the subclass's app (abstract).

    A subclass adds the foreign key to its owner, its ``scope``, and redeclares ``file``
    with its own ``upload_to``.
    """

    file = models.FileField(_("file"), upload_to="attachments/%Y/")
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"), default=0)
    detected_kind = models.CharField(
        _("file type"),
        max_length=8,
        blank=True,
        help_text=_("Detected from the file's bytes (pdf, png, jpeg, gif, webp)."),
    )
    uploaded_by = user_column(_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name

    @property
    def content_type(self) -> str:
        """The type the file is served with, from its detected kind (never its name)."""
        return CONTENT_TYPES.get(self.detected_kind, UNKNOWN_CONTENT_TYPE)


IMAGE_KINDS = ("png", "jpeg", "gif", "webp")
PHOTO_MAX_BYTES = 5 * 1024 * 1024  # a phone photo; larger files are refused
PHOTOS_MAX = 9


def photos_check(
    photos: Iterable[UploadedFile], errors: FieldErrors, *, field: str = "photos"
) -> list[tuple[UploadedFile, str]]:
    """Phone photos (complaints, repairs): at most :data:`PHOTOS_MAX` images of at most
    :data:`PHOTO_MAX_BYTES` each. Gives each accepted upload with its detected kind; puts
    every refusal, named by file, in ``errors[field]``."""
    items = list(photos)
    if len(items) > PHOTOS_MAX:
        errors[field] = [_("Attach at most %(n)s photos.") % {"n": PHOTOS_MAX}]
        return []
    checked = []
    for upload in items:
        try:
            kind = validate_upload(upload, kinds=IMAGE_KINDS, max_bytes=PHOTO_MAX_BYTES)
        except ValidationError as error:
            message = error.messages[0]
            if error.code == "bad_type":
                message = gettext("Upload a photo (PNG, JPEG, GIF or WebP).")
            errors.setdefault(field, []).append(f"{upload.name}: {message}")
            continue
        checked.append((upload, kind))
    return checked


def upload_kind(upload: UploadedFile | None, errors: FieldErrors, *, field: str = "file") -> str:
    """The detected kind of a required document (PDF or image, ``validate_upload``).

    A missing or refused file puts its messages in ``errors[field]`` and gives ``""``; the
    service raises ``invalid(errors)`` once every field is checked.
    """
    if upload is None:
        errors.setdefault(field, []).append(_("This field is required."))
        return ""
    try:
        return validate_upload(upload)
    except ValidationError as error:
        errors.setdefault(field, []).extend(error.messages)
        return ""


def upload_fields(upload: UploadedFile, *, kind: str, actor: Actor | None) -> dict[str, Any]:
    """The common columns of a new attachment: ``Model.objects.create(owner=…, **these)``.

    ``kind`` is what ``validate_upload`` detected; the name is cut to the column's length.
    """
    return {
        "file": upload,
        "original_name": str(upload.name or "")[:200],
        "size": upload.size or 0,
        "detected_kind": kind,
        "uploaded_by": user_of(actor),
    }


AttachmentT = TypeVar("AttachmentT", bound=Attachment)


def attach(
    model: type[AttachmentT],
    *,
    actor: Actor | None,
    upload: UploadedFile | None,
    errors: FieldErrors | None = None,
    **owner: Any,
) -> AttachmentT:
    """Store a required document (PDF or image) as a new ``model`` row: ``owner`` names
    the row it belongs to (``contract=…``) and any column of its own. A missing or refused
    file, or ``errors`` the service collected before, raise ``invalid`` and store nothing."""
    errors = {} if errors is None else errors
    detected = upload_kind(upload, errors)
    if errors or upload is None:
        raise invalid(errors)
    row: AttachmentT = model._default_manager.create(
        **owner, **upload_fields(upload, kind=detected, actor=actor)
    )
    return row


def attachment_response(attachment: Attachment, *, inline: bool = False) -> FileResponse:
    """The file of an attachment the caller has already fetched through a scoped selector.

    Downloaded under the name it was uploaded with (shown in the browser when ``inline``),
    typed by its detected kind; ``nosniff`` keeps the browser from guessing another type.
    Files stored before the kind was recorded are typed by their first bytes.
    """
    return stored_file_response(
        attachment.file,
        filename=attachment.original_name,
        kind=attachment.detected_kind,
        inline=inline,
    )


def stored_file_response(
    file: FieldFile, *, filename: str, kind: str = "", inline: bool = False
) -> FileResponse:
    """An uploaded file (any FileField) for a scoped view: typed by its kind or first bytes,
    never by its name; ``Content-Disposition`` attachment unless ``inline``; ``nosniff``.
    Uploads are never served from MEDIA_URL (upload safety)."""
    handle = file.open("rb")
    if not kind:
        kind = sniff(handle.read(16)) or ""
        handle.seek(0)
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=filename,
        content_type=CONTENT_TYPES.get(kind, UNKNOWN_CONTENT_TYPE),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
