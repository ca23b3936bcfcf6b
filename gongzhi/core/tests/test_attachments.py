"""The one attachment shape and its download response (gongzhi.core.attachments)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from gongzhi.core.attachments import Attachment, attachment_response, upload_fields
from gongzhi.core.scoping import ANONYMOUS, Actor
from gongzhi.mediation.models import MediationDocument

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def stored(data: bytes, name: str, kind: str) -> MediationDocument:
    document = MediationDocument(original_name=name, size=len(data), detected_kind=kind)
    document.file.save("stored-under-another-name.bin", ContentFile(data), save=False)
    return document


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_every_attachment_model_has_the_common_columns():
    # given the concrete models built on the abstract one
    models = [m for m in apps.get_models() if issubclass(m, Attachment)]
    # then each stores the same six things (and the project has several)
    assert len(models) >= 4
    common = {"file", "original_name", "size", "detected_kind", "uploaded_by", "uploaded_at"}
    for model in models:
        assert common <= {f.name for f in model._meta.get_fields()}, model


def test_upload_fields_take_name_size_kind_and_uploader(django_user_model, db):
    # given an upload with an over-long name, by a signed-in user
    user = django_user_model.objects.create_user(username="u1", password="x")  # noqa: S106
    upload = SimpleUploadedFile("合同" + "x" * 300 + ".pdf", PDF)
    # when
    fields = upload_fields(upload, kind="pdf", actor=Actor(user=user))
    # then
    assert fields["file"] is upload
    assert len(fields["original_name"]) == 200 and fields["original_name"].startswith("合同")
    assert (fields["size"], fields["detected_kind"], fields["uploaded_by"]) == (
        len(PDF),
        "pdf",
        user,
    )


def test_upload_fields_of_an_anonymous_upload_have_no_uploader():
    fields = upload_fields(SimpleUploadedFile("p.png", PNG), kind="png", actor=ANONYMOUS)
    assert fields["uploaded_by"] is None
    assert (
        upload_fields(SimpleUploadedFile("p.png", PNG), kind="png", actor=None)["uploaded_by"]
        is None
    )


def test_download_carries_the_original_name_and_the_detected_type():
    # given a PDF uploaded as 调解协议书.pdf
    document = stored(PDF, "调解协议书.pdf", "pdf")
    # when
    response = attachment_response(document)
    # then it is a download under its own name, typed by its bytes, not sniffable
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert quote("调解协议书.pdf") in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == PDF


def test_inline_shows_the_file_in_the_browser():
    response = attachment_response(stored(PNG, "photo.png", "png"), inline=True)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="photo.png"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_name_never_decides_the_type():
    # given an image uploaded under a .pdf name
    response = attachment_response(stored(PNG, "looks-like.pdf", "png"))
    # then it is served as what its bytes are
    assert response["Content-Type"] == "image/png"


def test_a_file_stored_before_kinds_were_recorded_is_typed_by_its_bytes():
    # given a row whose kind was never detected (uploaded before the column existed)
    response = attachment_response(stored(PDF, "old.pdf", ""))
    # then the first bytes decide, and the whole file is still served
    assert response["Content-Type"] == "application/pdf"
    assert body(response) == PDF


def test_an_unknown_file_is_served_as_opaque_bytes():
    response = attachment_response(stored(b"plain text", "notes.pdf", ""))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
