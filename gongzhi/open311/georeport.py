"""The GeoReport v2 wire format: JSON and XML documents, error documents, and the public
projection of services and complaints (http://wiki.open311.org/GeoReport_v2).

XML documents start with the UTF-8 declaration; lists have the spec's root and item
elements (``<services><service>``, ``<service_requests><request>``), errors are
``<errors><error><code/><description/></error></errors>`` (JSON: a list of
``{"code", "description"}``). Date-times are W3C/ISO 8601 with the offset.

The public projection carries no personal data: never the caller's name, phone or
email. Free text (description, notes to the complainant, the place, coordinates) is
public only for requests that came in through Open311, whose senders publish them by
the protocol's convention; matters filed by owners or taken by the 12345 hotline or a
patrol show their service, status, dates, responsible party and project only.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext

from gongzhi.complaints.models import Channel, Complaint, Party
from gongzhi.complaints.selectors import public_status
from gongzhi.jurisdictions.models import Department
from gongzhi.rules.complaints import Responsibility

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "xml": "text/xml; charset=utf-8",
}
# The element of one item inside a list-valued field (service definition attributes).
_ITEM_OF = {
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# The last change of this endpoint's interface (service discovery ``changeset``).
CHANGESET = "2026-11-23T00:00:00+08:00"


class GeoReportError(Exception):
    """An error document: one HTTP status and one or more descriptions."""

    def __init__(self, status: int, *descriptions: str) -> None:
        super().__init__(descriptions[0] if descriptions else str(status))
        self.http_status = status
        self.descriptions = descriptions or (str(status),)


def w3c(moment: dt.datetime | None) -> str:
    """A W3C date-time in the local zone with its offset, e.g. 2026-10-08T09:30:00+08:00."""
    if moment is None:
        return ""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(parent: ET.Element, data: Mapping[str, Any]) -> None:
    for key, value in data.items():
        child = ET.SubElement(parent, key)
        if isinstance(value, list):
            for item in value:
                element = ET.SubElement(child, _ITEM_OF.get(key, "item"))
                if isinstance(item, Mapping):
                    _fill(element, item)
                else:
                    element.text = _text(item)
        else:
            child.text = _text(value)


def _xml(root: str, item: str | None, payload: Any) -> bytes:
    top = ET.Element(root)
    if item is None:
        _fill(top, payload)
    else:
        for row in payload:
            _fill(ET.SubElement(top, item), row)
    return ET.tostring(top, encoding="UTF-8", xml_declaration=True)


def document(
    fmt: str, root: str, item: str | None, payload: Any, *, status: int = 200
) -> HttpResponse:
    """A GeoReport document: ``payload`` is a list of rows (``item`` names each row's
    element) or, with ``item=None``, one object."""
    if fmt == "xml":
        body = _xml(root, item, payload)
    else:
        data = payload if item is None else [dict(row) for row in payload]
        body = json.dumps(data, ensure_ascii=False).encode()
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def errors(fmt: str, status: int, descriptions: Sequence[str]) -> HttpResponse:
    rows = [{"code": status, "description": str(text)} for text in descriptions]
    return document(fmt, "errors", "error", rows, status=status)


def discovery(url: str, contact: str, key_service: str) -> dict[str, Any]:
    """The service discovery document (Open311 "Service Discovery")."""
    return {
        "changeset": CHANGESET,
        "contact": contact,
        "key_service": key_service,
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": url,
                "changeset": CHANGESET,
                "type": "production",
                "formats": [
                    CONTENT_TYPES["xml"].split(";")[0],
                    CONTENT_TYPES["json"].split(";")[0],
                ],
            }
        ],
    }


def service_item(item: Responsibility, label: str, group: str) -> dict[str, Any]:
    """One service of the list: a category of the responsibility list."""
    return {
        "service_code": item.code,
        "service_name": label,
        "description": gettext("Handled by: %(party)s. Source: %(source)s.")
        % {"party": group, "source": item.source},
        "metadata": False,
        "type": "realtime",
        "keywords": ", ".join(sorted({item.label_zh, item.label_en, item.code})),
        "group": group,
    }


def party_label(item: Responsibility) -> str:
    """The responsible party a category is routed to, as the service group."""
    if item.party == Party.DEPARTMENT and item.department_kind:
        kinds = dict(Department.Kind.choices)
        return str(kinds.get(item.department_kind, item.department_kind))
    return str(Party(item.party).label)


def agency_responsible(complaint: Complaint) -> str:
    """Who handles the matter now: the department, company or committee the list names,
    else the tier (community, street, district) that holds it."""
    if complaint.party == Party.DEPARTMENT and complaint.department is not None:
        return complaint.department.name
    if complaint.party == Party.COMPANY and complaint.company is not None:
        return complaint.company.name
    if complaint.party == Party.COMMITTEE and complaint.project is not None:
        return gettext("Owners' committee of %(project)s") % {"project": complaint.project.name}
    return complaint.tier_node.name


def _expected(complaint: Complaint) -> str:
    end_of_day = dt.datetime.combine(
        complaint.resolve_due, dt.time(23, 59, 59), tzinfo=timezone.get_current_timezone()
    )
    return w3c(end_of_day)


def _coordinate(value: Any) -> float | None:
    # Serialisation only: the stored value stays a Decimal.
    return float(value) if value is not None else None


def request_item(
    complaint: Complaint, *, service_name: str, status_notes: str, media_url: str
) -> dict[str, Any]:
    """The public fields of one service request (no personal data; see the module)."""
    published = complaint.channel == Channel.OPEN311
    project = complaint.project
    address = complaint.address if published else ""
    return {
        "service_request_id": complaint.number,
        "status": public_status(complaint),
        "status_notes": status_notes if published else "",
        "service_name": service_name,
        "service_code": complaint.category,
        "description": complaint.description if published else "",
        "agency_responsible": agency_responsible(complaint),
        "service_notice": complaint.routing_note,
        "requested_datetime": w3c(complaint.created_at),
        "updated_datetime": w3c(complaint.updated_at),
        "expected_datetime": _expected(complaint),
        "address": address or (project.name if project is not None else ""),
        "address_id": str(project.pk) if project is not None else "",
        "zipcode": "",
        "lat": _coordinate(complaint.latitude) if published else None,
        "long": _coordinate(complaint.longitude) if published else None,
        "media_url": media_url,
    }
