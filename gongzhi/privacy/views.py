"""The owner's own data (a page and its ZIP download) and the bureau's erasure of departed
owners."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.clock import today
from gongzhi.core.errors import DomainError
from gongzhi.core.privacy import KINDS
from gongzhi.privacy import services


def mine_view(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/mine.html", {"kinds": KINDS})


def mine_download_view(request: HttpRequest) -> HttpResponse:
    body = services.subject_export(actor=request_actor(request))
    response = HttpResponse(body, content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="gongzhi-personal-data-{today():%Y%m%d}.zip"'
    )
    response["Cache-Control"] = "no-store"
    return response


def departed_view(request: HttpRequest) -> HttpResponse:
    owners = services.departed_owners(actor=request_actor(request))[:200]
    return render(request, "privacy/departed.html", {"owners": owners})


@require_POST
def owner_erase_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.owner_erase(
            actor=request_actor(request), owner_id=pk, reason=request.POST.get("reason", "")
        )
    except DomainError as error:
        if error.status in (403, 404):
            raise
        messages.error(request, " ".join(error.lines()))
    else:
        messages.success(request, _("The owner's personal data is erased."))
    return redirect("privacy:departed")
