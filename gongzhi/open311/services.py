"""Writes for Open311: issuing and revoking API keys, and receiving a GeoReport request.

Keys work like ``accounts.ApiToken``: only a SHA-256 digest is stored and the key is
shown once. A request posted with a valid key becomes a complaint through
``complaints.services.complaint_submit`` (channel ``open311``, anonymous actor), so it is
routed by the responsibility list (seed 003 §五; 000 §5) and held to the same
working-day deadlines as every other channel (seed 003 §四(二), §五(二)2(2)). Bad input raises a
DomainError whose fields carry the GeoReport parameter names; nothing is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.complaints.models import Channel, Complaint
from gongzhi.complaints.services import complaint_submit
from gongzhi.core import clock
from gongzhi.core.errors import (
    DomainError,
    FieldErrors,
    NotFoundError,
    PermissionDeniedError,
    invalid,
)
from gongzhi.core.scoping import ANONYMOUS, Actor, get_visible
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.open311 import selectors
from gongzhi.open311.models import Open311Client, Open311Request

KEY_PREFIX = "o311_"
NAME_MAX = 64
SHORT_MAX = 64  # account_id, device_id
PERSON_NAME_MAX = 32  # first_name, last_name
ADDRESS_MAX = 255
MEDIA_URL_MAX = 500
# complaint_submit's argument names → the GeoReport parameter a client sent.
_PARAMETER = {
    "category": "service_code",
    "latitude": "lat",
    "longitude": "long",
    "contact_phone": "phone",
    "contact_name": "last_name",
    "address": "address_string",
    "project": "address_id",
    "node": "jurisdiction_id",
}


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _may_bind(actor: Actor | None, node: Jurisdiction | None) -> bool:
    """The command line (no actor) and the platform administrator bind any node or none;
    a bureau official only a node in their own subtree."""
    if actor is None or actor.is_platform_admin:
        return True
    return node is not None and any(node.path.startswith(p) for p in actor.node_paths)


@transaction.atomic
def client_create(
    *, actor: Actor | None, name: str, node: Jurisdiction | None
) -> tuple[Open311Client, str]:
    """Issue an API key to a client system; returns the client and the key (shown once)."""
    name = (name or "").strip()
    if not name or len(name) > NAME_MAX:
        raise invalid({"name": [_("Enter a name of 1 to %(n)s characters.") % {"n": NAME_MAX}]})
    if not _may_bind(actor, node):
        raise PermissionDeniedError(_("You may issue keys only for your own jurisdiction."))
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    client = Open311Client.objects.create(
        name=name,
        node=node,
        node_path=node.path if node is not None else "",
        prefix=raw[len(KEY_PREFIX) : len(KEY_PREFIX) + 8],
        digest=_digest(raw),
        created_by=actor.user if actor is not None and actor.user_id else None,
    )
    audit.record_create(actor, client)
    return client, raw


@transaction.atomic
def client_revoke(*, actor: Actor | None, pk: Any) -> Open311Client:
    """Revoke a key: every later request made with it is refused."""
    if actor is None:
        client = Open311Client.objects.filter(pk=pk).first() if str(pk).isdigit() else None
        if client is None:
            raise NotFoundError(_("Not found."))
    else:
        client = get_visible(Open311Client.objects.all(), actor, pk=pk)
    before = audit.snapshot(client)
    updated = Open311Client.objects.filter(pk=client.pk, revoked_at__isnull=True).update(
        revoked_at=clock.now()
    )
    if not updated:
        raise DomainError(_("This key has already been revoked."))
    client.refresh_from_db()
    audit.record_update(actor, client, before)
    return client


def client_authenticate(raw: str) -> Open311Client | None:
    """The active client holding key ``raw``, or None (unknown or revoked)."""
    raw = (raw or "").strip()
    if not raw.startswith(KEY_PREFIX):
        return None
    client = (
        Open311Client.objects.select_related("node")
        .filter(digest=_digest(raw), revoked_at__isnull=True)
        .first()
    )
    if client is None:
        return None
    now = clock.now()
    if client.last_used_at is None or now - client.last_used_at > dt.timedelta(minutes=5):
        Open311Client.objects.filter(pk=client.pk).update(last_used_at=now)
    return client


def _limit(errors: FieldErrors, name: str, value: str, limit: int) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        errors[name] = [_("At most %(n)s characters.") % {"n": limit}]
    return value


def _contact_name(first: str, last: str) -> str:
    """Chinese order (family name first, no space); Latin names as ``first last``."""
    if (first + last).isascii():
        return " ".join(part for part in (first, last) if part)
    return last + first


def _where(
    client: Open311Client, node: Jurisdiction | None, errors: FieldErrors
) -> Jurisdiction | None:
    """The jurisdiction the request goes into: the one named, else the key's own."""
    if node is None:
        node = client.node
        if node is None:
            errors["jurisdiction_id"] = [_("This key serves every jurisdiction: name one.")]
        return node
    if client.node is not None and not node.path.startswith(client.node.path):
        raise PermissionDeniedError(_("This api_key may not post into that jurisdiction."))
    return node


def request_submit(
    *,
    client: Open311Client,
    node: Jurisdiction | None,
    service_code: str,
    description: str,
    lat: str = "",
    long: str = "",
    address_string: str = "",
    address_id: str = "",
    email: str = "",
    device_id: str = "",
    account_id: str = "",
    first_name: str = "",
    last_name: str = "",
    phone: str = "",
    media_url: str = "",
) -> Open311Request:
    """Receive a GeoReport v2 request from ``client`` as a complaint (channel open311).

    A location is required: lat and long, or address_string, or address_id (a project id
    in the jurisdiction, which routes the matter to that project's community and company).
    Checks sizes and formats here, then leaves routing, deadlines and the remaining checks
    to ``complaint_submit``, which writes the link and its audit row in the complaint's own
    transaction (no write transaction is open while the request is checked and routed).
    """
    if not client.is_active:
        raise PermissionDeniedError(_("This api_key has been revoked."))
    errors: FieldErrors = {}
    where = _where(client, node, errors)
    if not (service_code or "").strip():
        errors["service_code"] = [_("This field is required.")]
    address_string = _limit(errors, "address_string", address_string, ADDRESS_MAX)
    address_id = _limit(errors, "address_id", address_id, 20)
    device_id = _limit(errors, "device_id", device_id, SHORT_MAX)
    account_id = _limit(errors, "account_id", account_id, SHORT_MAX)
    first_name = _limit(errors, "first_name", first_name, PERSON_NAME_MAX)
    last_name = _limit(errors, "last_name", last_name, PERSON_NAME_MAX)
    lat, long = (lat or "").strip(), (long or "").strip()
    if bool(lat) != bool(long):
        errors["lat" if not lat else "long"] = [_("Send lat and long together.")]
    if not ((lat and long) or address_string or address_id):
        errors["location"] = [_("Send lat and long, address_string or address_id.")]
    email = (email or "").strip()
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            errors["email"] = [_("Enter a valid email address.")]
    media_url = (media_url or "").strip()
    if media_url:
        try:
            if len(media_url) > MEDIA_URL_MAX:
                raise ValidationError("too long")
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            errors["media_url"] = [
                _("Enter an http(s) URL of at most %(n)s characters.") % {"n": MEDIA_URL_MAX}
            ]
    project = None
    if where is not None and address_id and "address_id" not in errors:
        project = selectors.project_in(where, address_id)
        if project is None:
            errors["address_id"] = [_("No project with this id in the jurisdiction.")]
    if errors or where is None:
        raise invalid(errors)
    links: list[Open311Request] = []

    def attach(complaint: Complaint) -> None:
        link = Open311Request.objects.create(
            complaint=complaint,
            client=client,
            media_url=media_url,
            account_id=account_id,
            device_id=device_id,
            email=email,
        )
        audit.record_create(ANONYMOUS, link)
        links.append(link)

    try:
        complaint = complaint_submit(
            actor=ANONYMOUS,
            channel=Channel.OPEN311,
            category=service_code.strip(),
            description=description,
            project=project,
            node=None if project is not None else where,
            latitude=lat or None,
            longitude=long or None,
            address=address_string,
            contact_name=_contact_name(first_name, last_name),
            contact_phone=phone,
            attach=attach,
        )
    except DomainError as error:
        raise DomainError(
            error.message,
            code=error.code,
            fields={_PARAMETER.get(k, k): v for k, v in error.fields.items()},
        ) from None
    (link,) = links
    link.complaint = complaint
    return link
