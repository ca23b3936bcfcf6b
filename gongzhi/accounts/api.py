from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema, Status

from gongzhi.accounts import services
from gongzhi.accounts.models import ApiToken
from gongzhi.accounts.selectors import request_actor
from gongzhi.rules.identity import mask_phone

router = Router(tags=["accounts"])


class GrantOut(Schema):
    kind: str
    role: str
    node_id: int | None = None
    department_id: int | None = None
    company_id: int | None = None
    project_id: int | None = None


class MeOut(Schema):
    id: int
    username: str
    display_name: str
    mobile: str
    roles: list[str]
    grants: list[GrantOut]
    totp_enabled: bool


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> dict:
    actor = request_actor(request)
    user = request.user
    return {
        "id": user.pk,
        "username": user.get_username(),
        "display_name": getattr(user, "display_name", ""),
        "mobile": mask_phone(getattr(user, "mobile", "") or ""),
        "roles": sorted(actor.roles),
        "grants": [g.__dict__ for g in actor.grants],
        "totp_enabled": getattr(user, "totp_enabled", False),
    }


class TokenIn(Schema):
    name: str


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreatedOut(TokenOut):
    token: str


@router.get("/tokens", response=list[TokenOut])
def token_list(request: HttpRequest) -> list[ApiToken]:
    return list(
        ApiToken.objects.filter(user_id=request_actor(request).user_id or 0).order_by("-created_at")
    )


@router.post("/tokens", response={201: TokenCreatedOut})
def token_create(request: HttpRequest, payload: TokenIn) -> Status:
    token, raw = services.api_token_create(actor=request_actor(request), name=payload.name)
    data = TokenOut.from_orm(token).dict()
    data["token"] = raw
    return Status(201, data)


@router.delete("/tokens/{token_id}", response={204: None})
def token_revoke(request: HttpRequest, token_id: int) -> Status:
    services.api_token_revoke(actor=request_actor(request), token_id=token_id)
    return Status(204, None)
