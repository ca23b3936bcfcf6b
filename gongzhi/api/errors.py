"""One error format for every /api/v1 endpoint:

``{"code": "not_found", "message": "<translated>", "fields": {"name": ["<translated>"]}}``
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from gongzhi.core.errors import DomainError
from gongzhi.core.ratelimit import RateLimited


class ErrorOut(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] = {}


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    return {"code": code, "message": message, "fields": fields or {}}


def _field_name(loc: list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "form")]
    return ".".join(parts) or "__all__"


def install(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        fields = {k: [str(m) for m in v] for k, v in exc.fields.items()}
        return api.create_response(
            request, error_body(exc.code, str(exc.message), fields), status=exc.status
        )

    @api.exception_handler(RateLimited)
    def rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
        response = api.create_response(request, error_body(exc.code, str(exc.message)), status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        fields: dict[str, list[str]] = {}
        for err in exc.errors:
            fields.setdefault(_field_name(list(err.get("loc", []))), []).append(
                _translate_pydantic(err)
            )
        return api.create_response(
            request,
            error_body("invalid", _("Please correct the errors below."), fields),
            status=422,
        )

    @api.exception_handler(AuthenticationError)
    def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return api.create_response(
            request,
            error_body("unauthenticated", _("Sign in or send a valid API token.")),
            status=401,
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, error_body("not_found", _("Not found.")), status=404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = {403: "forbidden", 404: "not_found", 409: "conflict"}.get(exc.status_code, "error")
        return api.create_response(request, error_body(code, str(exc)), status=exc.status_code)


def _translate_pydantic(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return _("This field is required.")
    if kind.startswith("int") or kind.startswith("decimal") or kind.startswith("float"):
        return _("Enter a valid number.")
    if kind.startswith("string_too_long"):
        return _("This value is too long.")
    if kind.startswith("date"):
        return _("Enter a valid date (YYYY-MM-DD).")
    return _("Enter a valid value.")
