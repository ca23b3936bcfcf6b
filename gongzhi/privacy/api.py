from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.clock import today
from gongzhi.privacy import services

router = Router(tags=["privacy"])


@router.get("/me/export", response={200: None})
def my_export(request: HttpRequest) -> HttpResponse:
    """Everything the platform holds about the caller: a ZIP of JSON and their files."""
    response = HttpResponse(
        services.subject_export(actor=request_actor(request)), content_type="application/zip"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="gongzhi-personal-data-{today():%Y%m%d}.zip"'
    )
    return response


class EraseIn(Schema):
    reason: str = ""


class EraseOut(Schema):
    owner_id: int
    counts: dict[str, int]


@router.post("/owners/{owner_id}/erase", response=EraseOut)
def owner_erase(request: HttpRequest, owner_id: int, payload: EraseIn) -> dict:
    counts = services.owner_erase(
        actor=request_actor(request), owner_id=owner_id, reason=payload.reason
    )
    return {"owner_id": owner_id, "counts": counts}
