"""Importing and exporting a project's register (buildings → building units → exclusive
parts → owners and shares) as the register workbook (see ``workbook``).

``units_import`` validates every row before writing anything; the real run is one
transaction of bulk inserts/updates with one audit row, and is idempotent (rows are
matched by natural keys). ``project_export`` writes the same format, masking personal
data the actor may not reveal. Seeds 000 §11,19–22 (the register the owners' votes and
fees count on); 民法典 art. 278 (area and headcount come from these rows).
"""

from __future__ import annotations

import hashlib
import io
from collections import defaultdict
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core.errors import ConflictError, DomainError, NotFoundError, PermissionDeniedError
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.core.uploads import sniff, validate_upload
from gongzhi.registry.importing.parsing import Parsed, read_workbook
from gongzhi.registry.importing.planning import Plan
from gongzhi.registry.importing.report import ImportRejected, ImportReport
from gongzhi.registry.importing.workbook import (
    DELIVERY_LABELS,
    NO,
    OWNER_KIND_LABELS,
    PART_KIND_LABELS,
    YES,
    workbook_bytes,
)
from gongzhi.registry.models import ExclusivePart, Owner, Ownership, Project
from gongzhi.rules.identity import mask_id_number, mask_phone

# Who may import into / export a project: officials whose subtree contains it, and the
# staff of the project's property company (they keep the roster day to day).
WRITER_ROLES = frozenset(
    {Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER, Role.COMPANY_STAFF}
)
OFFICIAL_ROLES = frozenset({Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER})


# ---------------------------------------------------------------- who may do it


def project_for_writing(*, actor: Actor | None, project_id: int) -> Project:
    """The project ``actor`` may import into or export (``None`` = the system, as the
    management command). Invisible → NotFoundError; visible but not writable (committee
    member, owner) → PermissionDeniedError."""
    if actor is None:
        project = Project.objects.filter(pk=project_id).first()
        if project is None:
            raise NotFoundError(_("Not found."))
        return project
    project = get_visible(Project.objects.all(), actor, pk=project_id)
    if actor.is_platform_admin:
        return project
    if (
        not Project.objects.visible_to(actor.restricted_to(WRITER_ROLES))
        .filter(pk=project.pk)
        .exists()
    ):
        raise PermissionDeniedError(_("You may not import into or export this project."))
    return project


def export_reveal_fields(*, actor: Actor | None, project: Project) -> frozenset[str]:
    """Fields exported unmasked. Equivalent to ``housing.permissions.can_reveal`` for every
    owner of ``project`` (each is reached through the project by the same grants):
    officials of the project's subtree and the administrator see all, the project's
    company sees phones, nobody else sees any."""
    everything = frozenset({"id_number", "uscc", "phone"})
    if actor is None or actor.is_platform_admin:
        return everything
    reaches = Project.objects.filter(pk=project.pk)
    if reaches.visible_to(actor.restricted_to(OFFICIAL_ROLES)).exists():
        return everything
    if reaches.visible_to(actor.restricted_to({Role.COMPANY_STAFF})).exists():
        return frozenset({"phone"})
    return frozenset()


# ---------------------------------------------------------------- upload checks


def read_upload(upload: UploadedFile) -> bytes:
    """The bytes of an uploaded .xlsx (content sniffed, size limited), or DomainError."""
    try:
        validate_upload(upload, kinds=["xlsx"], max_bytes=settings.GONGZHI_MAX_IMPORT_BYTES)
    except ValidationError as exc:
        raise DomainError(exc.messages[0], fields={"file": list(exc.messages)}) from None
    upload.seek(0)
    return upload.read()


def _check_bytes(data: bytes) -> None:
    limit = settings.GONGZHI_MAX_IMPORT_BYTES
    if not data:
        raise DomainError(_("The file is empty."), fields={"file": [_("The file is empty.")]})
    if len(data) > limit:
        message = _("The file is too large (%(size)s); the limit is %(limit)s.") % {
            "size": filesizeformat(len(data)),
            "limit": filesizeformat(limit),
        }
        raise DomainError(message, fields={"file": [message]})
    if sniff(data[:16]) != "xlsx":
        bad_type = _("Upload an Excel workbook (.xlsx).")
        raise DomainError(bad_type, fields={"file": [bad_type]})


# ---------------------------------------------------------------- import


def units_import(
    *,
    actor: Actor | None,
    project_id: int,
    data: bytes,
    filename: str = "",
    dry_run: bool,
) -> ImportReport:
    """Import the register workbook ``data`` into one project.

    Every row is checked first (see ``parsing`` and ``planning.Plan``); a dry run only reports. A
    real run with any bad row raises ``ImportRejected`` and writes nothing; otherwise it
    writes everything in one transaction with one ``import`` audit row (counts and the
    file's SHA-256). Matching by natural keys (building name, unit name, part number in
    the project; owner by ID number / USCC; ownership by part and owner) makes a second
    identical run change nothing. Parts of the project absent from the file are kept.
    """
    project = project_for_writing(actor=actor, project_id=project_id)
    _check_bytes(data)
    report = ImportReport(
        dry_run=dry_run, filename=filename[:200], sha256=hashlib.sha256(data).hexdigest()
    )
    parsed: Parsed = read_workbook(io.BytesIO(data))
    report.rows = parsed.row_count
    report.errors.extend(parsed.errors)
    plan = Plan(project, parsed, report)
    plan.check()
    report.errors.sort(key=lambda e: (e.row, e.field))
    if report.errors:
        if dry_run:
            return report
        raise ImportRejected(report)
    plan.count()
    if dry_run:
        return report
    try:
        with transaction.atomic():
            plan.apply()
            audit.record(
                actor=actor,
                action=AuditAction.IMPORT,
                target=project,
                after={
                    "filename": report.filename,
                    "sha256": report.sha256,
                    "rows": report.rows,
                    "counts": report.as_dict()["counts"],
                    "total_area_set": report.as_dict()["total_area_set"],
                },
            )
    except IntegrityError:
        raise ConflictError(
            _("The register changed while importing; nothing was imported. Try again.")
        ) from None
    report.applied = True
    return report


# ---------------------------------------------------------------- export


def export_rows(
    *, actor: Actor | None, project: Project, reveal: frozenset[str]
) -> Iterator[tuple[Any, ...]]:
    """The project's register as workbook rows (one per part and owner), masked unless
    the field is in ``reveal``."""
    parts = ExclusivePart.objects.filter(project=project)
    if actor is not None:
        parts = parts.visible_to(actor)
    ownerships: dict[int, list[Ownership]] = defaultdict(list)
    for o in (
        Ownership.objects.filter(part__project=project)
        .select_related("owner")
        .order_by("part_id", "owner_id")
    ):
        ownerships[o.part_id].append(o)
    for part in parts.select_related("building_unit__building").order_by(
        "building_unit__building__name", "building_unit__name", "number"
    ):
        unit = part.building_unit
        base = (
            unit.building.name if unit else "",
            unit.name if unit else "",
            (YES if unit.has_elevator else NO) if unit else "",
            unit.building.storeys if unit else "",
            part.number,
            part.floor if part.floor is not None else "",
            PART_KIND_LABELS.get(part.kind, part.kind),
            part.area,
            part.use,
            DELIVERY_LABELS.get(part.delivery, part.delivery),
            YES if part.vacant_unrenovated else NO,
        )
        holders = ownerships.get(part.pk, [])
        if not holders:
            yield base + ("", "", "", "", "")
        for o in holders:
            owner = o.owner
            if owner.kind == Owner.Kind.PERSON:
                ident = (
                    owner.id_number if "id_number" in reveal else mask_id_number(owner.id_number)
                )
            else:
                ident = owner.uscc if "uscc" in reveal else mask_id_number(owner.uscc)
            share = Fraction(o.share_numerator, o.share_denominator)
            yield base + (
                OWNER_KIND_LABELS.get(owner.kind, owner.kind),
                owner.name,
                ident,
                owner.phone if "phone" in reveal else mask_phone(owner.phone),
                str(share),
            )


@transaction.atomic
def project_export(*, actor: Actor | None, project_id: int) -> tuple[Project, bytes]:
    """The project's register workbook. ID numbers and phones are masked unless the
    actor may reveal them; an export with unmasked data is audited (``export``)."""
    project = project_for_writing(actor=actor, project_id=project_id)
    reveal = export_reveal_fields(actor=actor, project=project)
    rows = list(export_rows(actor=actor, project=project, reveal=reveal))
    if reveal:
        audit.record(
            actor=actor,
            action=AuditAction.EXPORT,
            target=project,
            field=",".join(sorted(reveal)),
            after={"rows": len(rows), "unmasked": sorted(reveal)},
        )
    return project, workbook_bytes(rows)
