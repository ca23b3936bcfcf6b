"""/api/v1/registry: import a project's register from the workbook, download the
template, export the register (same service as the pages)."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.excel import XLSX_TYPE
from gongzhi.registry.importing import services
from gongzhi.registry.importing.workbook import template_bytes

router = Router(tags=["registry: importing"])


class RowErrorOut(Schema):
    row: int
    field: str
    message: str


class CountsOut(Schema):
    created: int
    updated: int
    unchanged: int
    deleted: int


class ImportReportOut(Schema):
    dry_run: bool
    applied: bool
    ok: bool
    filename: str
    sha256: str
    rows: int
    bad_rows: int
    errors: list[RowErrorOut]
    counts: dict[str, CountsOut]
    total_area_set: str | None


def _attachment(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@router.post("/projects/{project_id}/import", response=ImportReportOut)
def project_import(
    request: HttpRequest,
    project_id: int,
    file: File[UploadedFile],
    dry_run: Form[bool] = False,
) -> dict:
    """Dry run: the report with every bad row (200). Real run: the report (200), or a
    400 ``invalid`` error whose ``fields`` name ``row<N>.<column>`` when any row is bad —
    then nothing is written."""
    actor = request_actor(request)
    services.project_for_writing(actor=actor, project_id=project_id)
    data = services.read_upload(file)
    report = services.units_import(
        actor=actor, project_id=project_id, data=data, filename=file.name or "", dry_run=dry_run
    )
    return report.as_dict()


@router.get("/import/template")
def import_template(request: HttpRequest) -> HttpResponse:
    return _attachment(template_bytes(), "register-template.xlsx")


@router.get("/projects/{project_id}/export")
def project_export(request: HttpRequest, project_id: int) -> HttpResponse:
    """The register in the template's format; personal data masked unless revealable
    (an unmasked export is audited)."""
    project, data = services.project_export(actor=request_actor(request), project_id=project_id)
    return _attachment(data, f"{project.name}-register.xlsx")
