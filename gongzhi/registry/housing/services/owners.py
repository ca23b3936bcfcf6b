"""Owners and their shares of each part, and the audited reveal of an owner's
identifiers. Shares are exact fractions summing to 1 (民法典 art. 278 counts each part's
area once).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core.errors import NotFoundError
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.registry.housing import validation as v
from gongzhi.registry.housing.permissions import can_reveal, writer
from gongzhi.registry.housing.services.common import audit_create, audit_update
from gongzhi.registry.models import ExclusivePart, Owner, Ownership


@dataclass(frozen=True)
class OwnerInput:
    """One row of a part's ownership set: an existing owner (``owner_id``) or a new one
    identified by ID card number (person) or USCC (organisation); and the share."""

    share: str | Fraction
    owner_id: int | None = None
    kind: str = Owner.Kind.PERSON
    name: str = ""
    id_number: str = ""
    uscc: str = ""
    phone: str = ""
    since: dt.date | str | None = None


def _owner_for_row(
    actor: Actor, errors: v.Errors, prefix: str, row: OwnerInput, part: ExclusivePart
) -> Owner | None:
    if row.owner_id is not None:
        visible = Owner.objects.visible_to(writer(actor)).filter(pk=row.owner_id).first()
        if visible is None and row.owner_id == part.project.developer_id:
            visible = part.project.developer
        if visible is None:
            errors.add(f"{prefix}owner_id", _("Unknown owner."))
        return visible
    kind = errors.check(f"{prefix}kind", v.clean_owner_kind, row.kind)
    name = errors.check(f"{prefix}name", lambda x: v.clean_text(x, max_length=200), row.name)
    phone = errors.check(f"{prefix}phone", v.clean_phone, row.phone)
    if kind == Owner.Kind.PERSON:
        number = errors.check(f"{prefix}id_number", v.clean_resident_id, row.id_number)
        lookup = {"id_number": number}
    elif kind == Owner.Kind.ORGANISATION:
        number = errors.check(f"{prefix}uscc", v.clean_uscc, row.uscc)
        lookup = {"uscc": number}
    else:
        return None
    if number is None or name is None:
        return None
    existing = Owner.objects.filter(**lookup).first()
    if existing is not None:
        # The same person or organisation may hold several parts: one record.
        if existing.name != name:
            errors.add(f"{prefix}name", _("This number is registered under another name."))
        return existing
    return Owner(kind=kind, name=name, phone=phone or "", **lookup)


def _ownership_snapshot(part: ExclusivePart) -> list[dict[str, Any]]:
    return [
        {
            "owner": o.owner_id,
            "share": f"{o.share_numerator}/{o.share_denominator}",
            "since": o.since.isoformat() if o.since else None,
        }
        for o in part.ownerships.order_by("owner_id")
    ]


@transaction.atomic
def part_ownerships_replace(
    *, actor: Actor, part_id: int, rows: Sequence[OwnerInput]
) -> list[Ownership]:
    """Replace the whole ownership set of a part atomically.

    Several owners may share a part; their shares are exact fractions and must add up
    to exactly 1 (民法典 art. 278 counts each part's area once). An owner appears once.
    New owners are identified by a valid ID card number or USCC (check digit included);
    a number already registered reuses that owner (one owner, several parts).
    """
    part: ExclusivePart = get_visible(
        ExclusivePart.objects.select_for_update(of=("self",)).select_related(
            "project", "project__developer"
        ),
        writer(actor),
        pk=part_id,
    )
    errors = v.Errors()
    owners: list[Owner | None] = []
    shares: list[Fraction] = []
    for index, row in enumerate(rows):
        prefix = f"rows.{index}."
        owners.append(_owner_for_row(actor, errors, prefix, row, part))
        share = errors.check(f"{prefix}share", v.parse_share, row.share)
        if share is not None:
            shares.append(share)
        errors.check(f"{prefix}since", v.clean_date, row.since)
    if not errors:
        errors.check("shares", v.check_shares, shares)
    keys = [
        o.pk if o is not None and o.pk else (o.id_number or o.uscc) if o is not None else None
        for o in owners
    ]
    seen = [k for k in keys if k is not None]
    if len(seen) != len(set(seen)):
        errors.add("rows", _("An owner is listed twice."))
    errors.raise_if_any()
    before = _ownership_snapshot(part)
    part.ownerships.all().delete()
    created: list[Ownership] = []
    for owner, share, row in zip(owners, shares, rows, strict=True):
        assert owner is not None
        if owner.pk is None:
            owner.save()
            audit_create(actor, owner, part.project.node_path)
        created.append(
            Ownership.objects.create(
                part=part,
                owner=owner,
                share_numerator=share.numerator,
                share_denominator=share.denominator,
                since=v.clean_date(row.since),
            )
        )
    after = _ownership_snapshot(part)
    if before != after:
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=part,
            field="ownerships",
            before={"ownerships": before},
            after={"ownerships": after},
            node_path=part.project.node_path,
        )
    return created


@transaction.atomic
def owner_update(
    *, actor: Actor, owner_id: int, name: str, phone: str = "", number: str | None = None
) -> Owner:
    """Correct an owner's name, phone or identifier (ID card number or USCC by kind).
    ``number=None`` keeps the stored identifier (forms never show it in full)."""
    owner: Owner = get_visible(Owner.objects.all(), writer(actor), pk=owner_id)
    before = audit.snapshot(owner)
    errors = v.Errors()
    clean_name = errors.check("name", lambda x: v.clean_text(x, max_length=200), name)
    clean_phone = errors.check("phone", v.clean_phone, phone)
    field = "id_number" if owner.kind == Owner.Kind.PERSON else "uscc"
    clean_number = getattr(owner, field)
    if number not in (None, ""):
        cleaner = v.clean_resident_id if field == "id_number" else v.clean_uscc
        clean_number = errors.check(field, cleaner, number)
        if (
            clean_number
            and Owner.objects.filter(**{field: clean_number}).exclude(pk=owner.pk).exists()
        ):
            errors.add(field, _("Another owner is registered with this number."))
    errors.raise_if_any()
    owner.name, owner.phone = clean_name or "", clean_phone or ""
    setattr(owner, field, clean_number)
    owner.save()
    path = (
        Ownership.objects.filter(owner=owner)
        .values_list("part__project__node_path", flat=True)
        .first()
    )
    audit_update(actor, owner, before, path or "")
    return owner


@transaction.atomic
def owner_reveal(*, actor: Actor, owner_id: int, field: str) -> str:
    """Return an owner's unmasked ID number or phone, and log who saw it."""
    owner = Owner.objects.filter(pk=owner_id).first()
    if owner is None or not can_reveal(actor, owner, field):
        raise NotFoundError(_("Not found."))
    node_path = (
        Ownership.objects.filter(owner=owner)
        .values_list("part__project__node_path", flat=True)
        .first()
    )
    audit.record(
        actor=actor, action=AuditAction.REVEAL, target=owner, field=field, node_path=node_path or ""
    )
    return str(getattr(owner, field))
