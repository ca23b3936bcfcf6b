"""Import/export pages of a project's register: template download, upload with a dry
run listing every bad row, confirmation running the real import of the same file
(kept server-side, see ``storage``), and the export in the template's format."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.errors import DomainError
from gongzhi.core.excel import XLSX_TYPE
from gongzhi.registry.importing import services, storage
from gongzhi.registry.importing.forms import ImportUploadForm
from gongzhi.registry.importing.workbook import COLUMNS, template_bytes
from gongzhi.registry.models import Project

SESSION_KEY = "registry_import_uploads"


def _attachment(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _project(request: HttpRequest, pk: int) -> Project:
    return services.project_for_writing(actor=request_actor(request), project_id=pk)


def template_view(request: HttpRequest) -> HttpResponse:
    return _attachment(template_bytes(), "register-template.xlsx")


def export_view(request: HttpRequest, pk: int) -> HttpResponse:
    _project(request, pk)
    project, data = services.project_export(actor=request_actor(request), project_id=pk)
    return _attachment(data, f"{project.name}-register.xlsx")


def _pending(request: HttpRequest) -> dict[str, dict[str, str]]:
    return dict(request.session.get(SESSION_KEY, {}))


def import_view(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    report = None
    token = ""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data = services.read_upload(upload)
            report = services.units_import(
                actor=request_actor(request),
                project_id=project.pk,
                data=data,
                filename=upload.name or "",
                dry_run=True,
            )
        except DomainError as exc:
            form.add_error("file", str(exc.message))
        else:
            pending = _pending(request)
            previous = pending.pop(str(project.pk), None)
            if previous:
                storage.discard(previous["token"])
            if report.ok:
                token = storage.keep(data)
                pending[str(project.pk)] = {"token": token, "name": report.filename}
            request.session[SESSION_KEY] = pending
    return render(
        request,
        "registry/importing/import.html",
        {
            "project": project,
            "form": form,
            "report": report,
            "token": token,
            # errors name the column by the header the official sees in the file
            "headers": {c.key: c.header for c in COLUMNS},
        },
    )


@require_POST
def confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    pending = _pending(request)
    entry = pending.get(str(project.pk))
    data = storage.load(entry["token"]) if entry else None
    if entry is None or data is None or request.POST.get("token") != entry["token"]:
        messages.error(request, _("The upload has expired; upload the file again."))
        return redirect("registry:project_import", pk=project.pk)
    try:
        report = services.units_import(
            actor=request_actor(request),
            project_id=project.pk,
            data=data,
            filename=entry["name"],
            dry_run=False,
        )
    except services.ImportRejected as exc:
        return render(
            request,
            "registry/importing/import.html",
            {"project": project, "form": ImportUploadForm(), "report": exc.report, "token": ""},
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("registry:project_import", pk=project.pk)
    storage.discard(entry["token"])
    pending.pop(str(project.pk), None)
    request.session[SESSION_KEY] = pending
    c = report.counts
    messages.success(
        request,
        _(
            "Imported %(rows)s rows: %(parts)s parts created, %(updated)s updated, "
            "%(unchanged)s unchanged; %(owners)s owners created."
        )
        % {
            "rows": report.rows,
            "parts": c["parts"].created,
            "updated": c["parts"].updated,
            "unchanged": c["parts"].unchanged,
            "owners": c["owners"].created,
        },
    )
    return redirect("registry:project_detail", pk=project.pk)
