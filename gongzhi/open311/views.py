"""The GeoReport v2 endpoints under /open311/v2/ (http://wiki.open311.org/GeoReport_v2).

GET services, a service definition, requests, one request and a token are public by the
specification; POST requests is authenticated by its ``api_key`` alone (machines post,
so it is exempt from CSRF). ``jurisdiction_id`` is a jurisdiction's division code and
limits every answer to that node's subtree. Errors are error documents in the format
asked for, with the HTTP status the specification names (400, 403, 404).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt

from gongzhi.core import clock
from gongzhi.core.errors import DomainError, PermissionDeniedError
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.open311 import selectors, services
from gongzhi.open311.georeport import (
    GeoReportError,
    discovery,
    document,
    errors,
    party_label,
    request_item,
    service_item,
)
from gongzhi.open311.selectors import JurisdictionAmbiguous, RequestFilter

MAX_REQUESTS = 1000  # GeoReport v2: at most 1000 requests per answer
WINDOW = dt.timedelta(days=90)  # GeoReport v2: default window, and the widest range
STATUSES = ("open", "closed")

View = Callable[..., HttpResponse]


def endpoint(*methods: str) -> Callable[[View], View]:
    """Allow ``methods`` only, and turn a GeoReportError into an error document."""

    allowed = (*methods, "HEAD") if "GET" in methods else methods

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, fmt: str, **kwargs: Any) -> HttpResponse:
            try:
                if request.method not in allowed:
                    raise GeoReportError(405, gettext("Method not allowed."))
                return view(request, fmt, **kwargs)
            except GeoReportError as error:
                response = errors(fmt, error.http_status, error.descriptions)
                if error.http_status == 405:
                    response["Allow"] = ", ".join(allowed)
                return response

        return wrapper

    return decorate


def _jurisdiction(params: QueryDict) -> Jurisdiction:
    """The node ``jurisdiction_id`` names (404 if unknown), else the one top node."""
    code = params.get("jurisdiction_id", "").strip()
    if code:
        node = selectors.jurisdiction_by_code(code)
        if node is None:
            raise GeoReportError(404, gettext("jurisdiction_id not found."))
        return node
    try:
        node = selectors.default_jurisdiction()
    except JurisdictionAmbiguous:
        raise GeoReportError(400, gettext("jurisdiction_id is required.")) from None
    if node is None:
        raise GeoReportError(404, gettext("jurisdiction_id not found."))
    return node


@endpoint("GET")
def discovery_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """Where the GeoReport v2 endpoint is and how to get a key."""
    url = request.build_absolute_uri(reverse("open311:services", kwargs={"fmt": fmt}))
    body = discovery(
        url.rsplit("/", 1)[0],
        contact=gettext("The housing bureau of the jurisdiction (住房和城乡建设局)."),
        key_service=gettext(
            "API keys are issued by the housing bureau on the Open311 keys page, or by the "
            "operator with: gongzhi open311 create-key NAME."
        ),
    )
    return document(fmt, "discovery", None, body)


@endpoint("GET")
def services_view(request: HttpRequest, fmt: str) -> HttpResponse:
    node = _jurisdiction(request.GET)
    rows = [
        service_item(item, selectors.service_label(item), party_label(item))
        for item in selectors.services_for(node)
    ]
    return document(fmt, "services", "service", rows)


@endpoint("GET")
def service_definition_view(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    node = _jurisdiction(request.GET)
    if selectors.service_get(node, code) is None:
        raise GeoReportError(404, gettext("service_code not found."))
    # The categories carry no extra fields, so no service has attributes (metadata false).
    return document(fmt, "service_definition", None, {"service_code": code, "attributes": []})


def _when(params: QueryDict, name: str, *, end: bool) -> dt.datetime | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
        if moment is None:
            day = parse_date(raw)
            if day is None:
                raise ValueError(raw)
            moment = dt.datetime.combine(day, dt.time.max if end else dt.time.min)
    except ValueError:
        raise GeoReportError(
            400,
            gettext("%(name)s: use a W3C date-time such as 2026-10-01T08:00:00+08:00.")
            % {"name": name},
        ) from None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _split(params: QueryDict, name: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in params.get(name, "").split(",") if v.strip()))


def _filter(params: QueryDict) -> RequestFilter:
    """Check the GET /requests parameters; dates default to the last 90 days."""
    ids = _split(params, "service_request_id")
    if len(ids) > MAX_REQUESTS:
        raise GeoReportError(
            400, gettext("Ask for at most %(n)s service_request_id values.") % {"n": MAX_REQUESTS}
        )
    if ids:
        return RequestFilter(ids=ids)
    statuses = _split(params, "status")
    if any(s not in STATUSES for s in statuses):
        raise GeoReportError(400, gettext("status: use open, closed or both."))
    start = _when(params, "start_date", end=False)
    end = _when(params, "end_date", end=True)
    if start is None:
        end = end or clock.now()
        start = end - WINDOW
    elif end is None:
        end = start + WINDOW
    if end < start:
        raise GeoReportError(400, gettext("end_date is before start_date."))
    if end - start > WINDOW:
        raise GeoReportError(400, gettext("The dates may not span more than 90 days."))
    return RequestFilter(
        service_codes=_split(params, "service_code"),
        status=statuses[0] if len(statuses) == 1 else "",
        start=start,
        end=end,
    )


def _render_requests(fmt: str, node: Jurisdiction, rows: list[Any]) -> HttpResponse:
    labels = {item.code: selectors.service_label(item) for item in selectors.services_for(node)}
    notes = selectors.public_notes(node, rows)
    items = []
    for complaint in rows:
        link = getattr(complaint, "open311", None)
        items.append(
            request_item(
                complaint,
                service_name=labels.get(complaint.category, complaint.category_label),
                status_notes=notes.get(complaint.pk, ""),
                media_url=link.media_url if link is not None else "",
            )
        )
    return document(fmt, "service_requests", "request", items)


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    params = request.POST
    raw_key = params.get("api_key") or request.GET.get("api_key", "")
    client = services.client_authenticate(raw_key)
    if client is None:
        raise GeoReportError(403, gettext("api_key is missing, unknown or revoked."))
    code = params.get("jurisdiction_id", "").strip()
    node = None
    if code:
        node = selectors.jurisdiction_by_code(code)
        if node is None:
            raise GeoReportError(404, gettext("jurisdiction_id not found."))
    fields = (
        "service_code description lat long address_string address_id email device_id "
        "account_id first_name last_name phone media_url"
    ).split()
    try:
        link = services.request_submit(
            client=client, node=node, **{f: params.get(f, "") for f in fields}
        )
    except PermissionDeniedError as error:
        raise GeoReportError(403, str(error.message)) from None
    except DomainError as error:
        messages = [f"{field}: {msg}" for field, texts in error.fields.items() for msg in texts]
        raise GeoReportError(400, *(messages or [str(error.message)])) from None
    complaint = link.complaint
    row = {
        "service_request_id": complaint.number,
        "service_notice": complaint.routing_note,
        "account_id": link.account_id,
        "token": str(link.token),
    }
    return document(fmt, "service_requests", "request", [row], status=201)


@csrf_exempt
@endpoint("GET", "POST")
def requests_view(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    node = _jurisdiction(request.GET)
    rows = selectors.request_rows(node, _filter(request.GET), MAX_REQUESTS)
    return _render_requests(fmt, node, rows)


@endpoint("GET")
def request_view(request: HttpRequest, fmt: str, request_id: str) -> HttpResponse:
    node = _jurisdiction(request.GET)
    complaint = selectors.request_get(node, request_id)
    if complaint is None:
        raise GeoReportError(404, gettext("service_request_id not found."))
    return _render_requests(fmt, node, [complaint])


@endpoint("GET")
def token_view(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    node = _jurisdiction(request.GET)
    link = selectors.request_by_token(node, token)
    if link is None:
        raise GeoReportError(404, gettext("token not found."))
    row = {"service_request_id": link.complaint.number, "token": str(link.token)}
    return document(fmt, "service_requests", "request", [row])
