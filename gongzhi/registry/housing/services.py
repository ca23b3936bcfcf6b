"""Writes for the housing register: projects, buildings, building units, exclusive parts,
owners and their shares, occupants. Every write is atomic and audited in the same
transaction; bad input raises a DomainError naming each field and writes nothing.

Who writes: officials (bureau, street, community) within their subtree, and the platform
administrator. Property companies and committee members read only; an id outside the
writer's subtree is "not found" (404), the same as an absent id.

Seeds: 000 §11 (only a filed company serves), 000 §15 (delivery status, vacant and
unrenovated parts; the developer holds unsold parts), 001 §五 (old projects), 民法典
art. 278 (exclusive area and exact shares).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core.errors import DomainError, NotFoundError
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.jurisdictions.models import Jurisdiction, Level
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.companies.services import require_company_may_serve
from gongzhi.registry.housing import validation as v
from gongzhi.registry.housing.permissions import can_reveal, writer
from gongzhi.registry.models import (
    Building,
    BuildingUnit,
    ExclusivePart,
    Occupant,
    Owner,
    Ownership,
    Project,
    PropertyCompany,
)

# --- helpers -----------------------------------------------------------------------


def _audit_create(actor: Actor, obj: Model, node_path: str) -> None:
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        target=obj,
        after=audit.snapshot(obj),
        node_path=node_path,
    )


def _audit_update(actor: Actor, obj: Model, before: dict[str, Any], node_path: str) -> None:
    old, new = audit.diff(before, audit.snapshot(obj))
    if new:
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=obj,
            before=old,
            after=new,
            node_path=node_path,
        )


def _writable_project(actor: Actor, project_id: int) -> Project:
    project: Project = get_visible(
        Project.objects.select_for_update(of=("self",)), writer(actor), pk=project_id
    )
    return project


def _company_or_error(errors: v.Errors, company_id: int | None) -> PropertyCompany | None:
    """Companies are public register data (the public look-up lists them), so an official
    may pick any company by id; the rule that decides is whether it may serve."""
    if company_id is None:
        return None
    company = PropertyCompany.objects.filter(pk=company_id).first()
    if company is None:
        errors.add("company", _("Unknown property company."))
        return None
    try:
        require_company_may_serve(company)  # seed 000 §11; 001 §三(二)3
    except DomainError as error:
        for message in error.fields.get("company", [error.message]):
            errors.add("company", message)
        return None
    return company


# --- projects ----------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectResult:
    project: Project
    warning: str | Promise | None


def _developer(
    actor: Actor, errors: v.Errors, developer_uscc: str, developer_name: str
) -> Owner | None:
    """The developer (建设单位): an organisation owner picked or created by its USCC."""
    if not developer_uscc.strip():
        if developer_name.strip():
            errors.add("developer_uscc", _("Enter the developer's unified social credit code."))
        return None
    code = errors.check("developer_uscc", v.clean_uscc, developer_uscc)
    if code is None:
        return None
    existing = Owner.objects.filter(uscc=code).first()
    if existing is not None:
        return existing
    name = errors.check("developer_name", lambda x: v.clean_text(x, max_length=200), developer_name)
    if name is None:
        return None
    return Owner(kind=Owner.Kind.ORGANISATION, name=name, uscc=code, is_developer=True)


def _project_fields(
    actor: Actor,
    errors: v.Errors,
    *,
    name: Any,
    community_id: Any,
    category: Any,
    service_mode: Any,
    completed_year: Any,
    total_building_area: Any,
    address: Any,
    company_id: int | None,
    developer_uscc: str,
    developer_name: str,
) -> dict[str, Any]:
    clean: dict[str, Any] = {
        "name": errors.check("name", lambda x: v.clean_text(x, max_length=200), name),
        "category": errors.check("category", v.clean_category, category),
        "service_mode": errors.check("service_mode", v.clean_service_mode, service_mode),
        "completed_year": errors.check("completed_year", v.clean_year, completed_year),
        "total_building_area": errors.check(
            "total_building_area",
            lambda x: v.clean_area(x, max_digits=12, required=False),
            total_building_area,
        ),
        "address": errors.check(
            "address", lambda x: v.clean_text(x, max_length=255, required=False), address
        ),
    }
    community = (
        Jurisdiction.objects.visible_to(writer(actor))
        .filter(pk=community_id, level=Level.COMMUNITY)
        .first()
        if str(community_id or "").isdigit()
        else None
    )
    if community is None:
        errors.add("community", _("Choose a community in your jurisdiction."))
    clean["community"] = community
    clean["company"] = _company_or_error(errors, company_id)
    clean["developer"] = _developer(actor, errors, developer_uscc or "", developer_name or "")
    clean["warning"] = None
    if community is not None and clean["category"] and "completed_year" not in errors.fields:
        try:
            clean["warning"] = v.check_category(
                effective_profile(community), clean["category"], clean["completed_year"]
            )
        except v.FieldError as error:
            errors.add("category", error.message)
    return clean


def _save_developer(actor: Actor, developer: Owner | None, node_path: str) -> None:
    if developer is None:
        return
    if developer.pk is None:
        developer.save()
        _audit_create(actor, developer, node_path)
    elif not developer.is_developer:
        before = audit.snapshot(developer)
        developer.is_developer = True
        developer.save(update_fields=["is_developer"])
        _audit_update(actor, developer, before, node_path)


def _unique_name_error() -> DomainError:
    return DomainError(
        _("Please correct the errors below."),
        fields={"name": [_("A project with this name already exists in the community.")]},
    )


@transaction.atomic
def project_create(
    *,
    actor: Actor,
    name: str,
    community_id: int,
    category: str,
    service_mode: str = Project.ServiceMode.MARKET,
    completed_year: int | str | None = None,
    total_building_area: Decimal | str | None = None,
    address: str = "",
    company_id: int | None = None,
    developer_uscc: str = "",
    developer_name: str = "",
) -> ProjectResult:
    """Register a project (物业管理区域) in a community of the official's subtree.

    ``node_path`` is the community's path, never taken from input. Category ``old``
    follows the profile's cutoff (seed 001 §五); a company must be filed and not
    blacklisted (seed 000 §11); the developer is an organisation owner with a valid USCC.
    """
    errors = v.Errors()
    clean = _project_fields(
        actor,
        errors,
        name=name,
        community_id=community_id,
        category=category,
        service_mode=service_mode,
        completed_year=completed_year,
        total_building_area=total_building_area,
        address=address,
        company_id=company_id,
        developer_uscc=developer_uscc,
        developer_name=developer_name,
    )
    if clean["community"] is not None and clean["name"]:
        if Project.objects.filter(community=clean["community"], name=clean["name"]).exists():
            errors.add("name", _("A project with this name already exists in the community."))
    errors.raise_if_any()
    _save_developer(actor, clean["developer"], clean["community"].path)
    project = Project(
        name=clean["name"],
        community=clean["community"],
        node_path=clean["community"].path,
        category=clean["category"],
        service_mode=clean["service_mode"],
        completed_year=clean["completed_year"],
        total_building_area=clean["total_building_area"],
        address=clean["address"],
        company=clean["company"],
        developer=clean["developer"],
    )
    try:
        with transaction.atomic():
            project.save()
    except IntegrityError:
        raise _unique_name_error() from None
    audit.record_create(actor, project)
    return ProjectResult(project, clean["warning"])


@transaction.atomic
def project_update(
    *,
    actor: Actor,
    project_id: int,
    name: str,
    community_id: int,
    category: str,
    service_mode: str,
    completed_year: int | str | None = None,
    total_building_area: Decimal | str | None = None,
    address: str = "",
    company_id: int | None = None,
    developer_uscc: str = "",
    developer_name: str = "",
) -> ProjectResult:
    """Edit a project; the same rules as :func:`project_create`. Moving it to another
    community of the subtree rewrites ``node_path`` from that community."""
    project = _writable_project(actor, project_id)
    before = audit.snapshot(project)
    errors = v.Errors()
    clean = _project_fields(
        actor,
        errors,
        name=name,
        community_id=community_id,
        category=category,
        service_mode=service_mode,
        completed_year=completed_year,
        total_building_area=total_building_area,
        address=address,
        company_id=company_id,
        developer_uscc=developer_uscc,
        developer_name=developer_name,
    )
    if clean["community"] is not None and clean["name"]:
        clash = Project.objects.filter(community=clean["community"], name=clean["name"])
        if clash.exclude(pk=project.pk).exists():
            errors.add("name", _("A project with this name already exists in the community."))
    errors.raise_if_any()
    _save_developer(actor, clean["developer"], clean["community"].path)
    for field in ("name", "community", "category", "service_mode", "completed_year"):
        setattr(project, field, clean[field])
    project.total_building_area = clean["total_building_area"]
    project.address = clean["address"]
    project.company = clean["company"]
    project.developer = clean["developer"]
    project.node_path = clean["community"].path
    try:
        with transaction.atomic():
            project.save()
    except IntegrityError:
        raise _unique_name_error() from None
    audit.record_update(actor, project, before)
    return ProjectResult(project, clean["warning"])


# --- buildings and building units --------------------------------------------------


@transaction.atomic
def building_create(
    *,
    actor: Actor,
    project_id: int,
    name: str,
    storeys: int | str,
    completed_year: int | str | None = None,
) -> Building:
    project = _writable_project(actor, project_id)
    errors = v.Errors()
    clean_name = errors.check("name", lambda x: v.clean_text(x, max_length=64), name)
    clean_storeys = errors.check("storeys", v.clean_positive_int, storeys)
    year = errors.check("completed_year", v.clean_year, completed_year)
    if clean_name and project.buildings.filter(name=clean_name).exists():
        errors.add("name", _("A building with this name already exists in the project."))
    errors.raise_if_any()
    building = Building.objects.create(
        project=project, name=clean_name, storeys=clean_storeys, completed_year=year
    )
    _audit_create(actor, building, project.node_path)
    return building


@transaction.atomic
def building_update(
    *,
    actor: Actor,
    building_id: int,
    name: str,
    storeys: int | str,
    completed_year: int | str | None = None,
) -> Building:
    building: Building = get_visible(
        Building.objects.select_related("project"), writer(actor), pk=building_id
    )
    before = audit.snapshot(building)
    errors = v.Errors()
    clean_name = errors.check("name", lambda x: v.clean_text(x, max_length=64), name)
    clean_storeys = errors.check("storeys", v.clean_positive_int, storeys)
    year = errors.check("completed_year", v.clean_year, completed_year)
    if (
        clean_name
        and Building.objects.filter(project_id=building.project_id, name=clean_name)
        .exclude(pk=building.pk)
        .exists()
    ):
        errors.add("name", _("A building with this name already exists in the project."))
    errors.raise_if_any()
    assert clean_name is not None and clean_storeys is not None
    building.name, building.storeys, building.completed_year = clean_name, clean_storeys, year
    building.save()
    _audit_update(actor, building, before, building.project.node_path)
    return building


def _unit_fields(
    errors: v.Errors, building: Building, name: Any, storeys: Any, exclude_pk: int | None
) -> tuple[str | None, int | None]:
    clean_name = errors.check("name", lambda x: v.clean_text(x, max_length=32), name)
    clean_storeys = errors.check("storeys", v.clean_positive_int, storeys)
    if clean_name:
        clash = BuildingUnit.objects.filter(building=building, name=clean_name)
        if clash.exclude(pk=exclude_pk).exists():
            errors.add("name", _("This building already has a unit with this name."))
    if clean_storeys and clean_storeys > building.storeys:
        errors.add("storeys", _("A unit cannot have more storeys than its building."))
    return clean_name, clean_storeys


@transaction.atomic
def building_unit_create(
    *,
    actor: Actor,
    building_id: int,
    name: str,
    storeys: int | str,
    has_elevator: bool = False,
) -> BuildingUnit:
    """A building unit (单元) — the unit of elevator-retrofit votes (seed 000 §34). Its
    project is always the building's project."""
    building: Building = get_visible(
        Building.objects.select_related("project"), writer(actor), pk=building_id
    )
    errors = v.Errors()
    clean_name, clean_storeys = _unit_fields(errors, building, name, storeys, None)
    errors.raise_if_any()
    unit = BuildingUnit.objects.create(
        building=building,
        project_id=building.project_id,
        name=clean_name,
        storeys=clean_storeys,
        has_elevator=bool(has_elevator),
    )
    _audit_create(actor, unit, building.project.node_path)
    return unit


@transaction.atomic
def building_unit_update(
    *,
    actor: Actor,
    unit_id: int,
    name: str,
    storeys: int | str,
    has_elevator: bool = False,
) -> BuildingUnit:
    unit: BuildingUnit = get_visible(
        BuildingUnit.objects.select_related("building", "project"), writer(actor), pk=unit_id
    )
    before = audit.snapshot(unit)
    errors = v.Errors()
    clean_name, clean_storeys = _unit_fields(errors, unit.building, name, storeys, unit.pk)
    errors.raise_if_any()
    assert clean_name is not None and clean_storeys is not None
    unit.name, unit.storeys, unit.has_elevator = clean_name, clean_storeys, bool(has_elevator)
    unit.save()
    _audit_update(actor, unit, before, unit.project.node_path)
    return unit


# --- exclusive parts ---------------------------------------------------------------


def _part_fields(
    errors: v.Errors,
    project: Project,
    *,
    kind: Any,
    number: Any,
    building_unit_id: Any,
    floor: Any,
    area: Any,
    use: Any,
    delivery: Any,
    exclude_pk: int | None,
) -> dict[str, Any]:
    clean: dict[str, Any] = {
        "kind": errors.check("kind", v.clean_part_kind, kind),
        "number": errors.check("number", lambda x: v.clean_text(x, max_length=32), number),
        "floor": errors.check("floor", v.clean_floor, floor),
        "area": errors.check("area", v.clean_area, area),
        "use": errors.check("use", lambda x: v.clean_text(x, max_length=32, required=False), use),
        "delivery": errors.check("delivery", v.clean_delivery, delivery),
        "building_unit": None,
    }
    if building_unit_id not in (None, ""):
        unit = BuildingUnit.objects.filter(pk=building_unit_id).first()
        if unit is None or unit.project_id != project.pk:
            # A part is never in two projects: its unit must be in its own project.
            errors.add("building_unit", _("This building unit is not in the part's project."))
        clean["building_unit"] = unit
    elif clean["kind"] in (ExclusivePart.Kind.DWELLING,):
        errors.add("building_unit", _("A dwelling belongs to a building unit."))
    if clean["number"]:
        clash = ExclusivePart.objects.filter(project=project, number=clean["number"])
        if clash.exclude(pk=exclude_pk).exists():
            errors.add("number", _("This number is already used in the project."))
    return clean


@transaction.atomic
def part_create(
    *,
    actor: Actor,
    project_id: int,
    number: str,
    area: Decimal | str,
    kind: str = ExclusivePart.Kind.DWELLING,
    building_unit_id: int | None = None,
    floor: int | str | None = None,
    use: str = "",
    delivery: str = ExclusivePart.Delivery.DELIVERED,
    vacant_unrenovated: bool = False,
) -> ExclusivePart:
    """Register an exclusive part (专有部分): dwelling, parking space or shop, area to
    0.01 m², number unique in the project. Until it is delivered the developer is its
    owner (seed 000 §15: the developer pays for unsold parts), when the project has one."""
    project = _writable_project(actor, project_id)
    errors = v.Errors()
    clean = _part_fields(
        errors,
        project,
        kind=kind,
        number=number,
        building_unit_id=building_unit_id,
        floor=floor,
        area=area,
        use=use,
        delivery=delivery,
        exclude_pk=None,
    )
    errors.raise_if_any()
    part = ExclusivePart(project=project, vacant_unrenovated=bool(vacant_unrenovated), **clean)
    try:
        with transaction.atomic():
            part.save()
    except IntegrityError:
        raise DomainError(
            _("Please correct the errors below."),
            fields={"number": [_("This number is already used in the project.")]},
        ) from None
    _audit_create(actor, part, project.node_path)
    if part.delivery != ExclusivePart.Delivery.DELIVERED and project.developer_id:
        ownership = Ownership.objects.create(part=part, owner_id=project.developer_id)
        _audit_create(actor, ownership, project.node_path)
    return part


@transaction.atomic
def part_update(
    *,
    actor: Actor,
    part_id: int,
    number: str,
    area: Decimal | str,
    kind: str,
    building_unit_id: int | None = None,
    floor: int | str | None = None,
    use: str = "",
    delivery: str = ExclusivePart.Delivery.DELIVERED,
    vacant_unrenovated: bool = False,
) -> ExclusivePart:
    """Edit a part. Its project never changes (a part is never in two projects)."""
    part: ExclusivePart = get_visible(
        ExclusivePart.objects.select_related("project"), writer(actor), pk=part_id
    )
    before = audit.snapshot(part)
    errors = v.Errors()
    clean = _part_fields(
        errors,
        part.project,
        kind=kind,
        number=number,
        building_unit_id=building_unit_id,
        floor=floor,
        area=area,
        use=use,
        delivery=delivery,
        exclude_pk=part.pk,
    )
    errors.raise_if_any()
    for field, value in clean.items():
        setattr(part, field, value)
    part.vacant_unrenovated = bool(vacant_unrenovated)
    part.save()
    _audit_update(actor, part, before, part.project.node_path)
    return part


# --- owners and shares -------------------------------------------------------------


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
            _audit_create(actor, owner, part.project.node_path)
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
    _audit_update(actor, owner, before, path or "")
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


# --- occupants ---------------------------------------------------------------------


def _occupant_fields(
    errors: v.Errors,
    *,
    kind: Any,
    name: Any,
    id_number: Any,
    phone: Any,
    moved_in: Any,
    moved_out: Any,
) -> dict[str, Any]:
    clean: dict[str, Any] = {
        "kind": errors.check("kind", v.clean_occupant_kind, kind),
        "name": errors.check("name", lambda x: v.clean_text(x, max_length=64), name),
        "phone": errors.check("phone", v.clean_phone, phone),
        "moved_in": errors.check("moved_in", v.clean_date, moved_in),
        "moved_out": errors.check("moved_out", v.clean_date, moved_out),
        "id_number": "",
    }
    if id_number not in (None, ""):
        clean["id_number"] = errors.check("id_number", v.clean_resident_id, id_number)
    if "moved_in" not in errors.fields and "moved_out" not in errors.fields:
        errors.check("moved_out", v.check_occupancy_dates, clean["moved_in"], clean["moved_out"])
    return clean


@transaction.atomic
def occupant_create(
    *,
    actor: Actor,
    part_id: int,
    kind: str,
    name: str,
    id_number: str = "",
    phone: str = "",
    moved_in: dt.date | str | None = None,
    moved_out: dt.date | str | None = None,
) -> Occupant:
    """Record a tenant or family member (物业使用人) of a part, apart from its owners."""
    part: ExclusivePart = get_visible(
        ExclusivePart.objects.select_related("project"), writer(actor), pk=part_id
    )
    errors = v.Errors()
    clean = _occupant_fields(
        errors,
        kind=kind,
        name=name,
        id_number=id_number,
        phone=phone,
        moved_in=moved_in,
        moved_out=moved_out,
    )
    errors.raise_if_any()
    occupant = Occupant.objects.create(part=part, **clean)
    _audit_create(actor, occupant, part.project.node_path)
    return occupant


@transaction.atomic
def occupant_update(
    *,
    actor: Actor,
    occupant_id: int,
    kind: str,
    name: str,
    id_number: str | None = None,
    phone: str = "",
    moved_in: dt.date | str | None = None,
    moved_out: dt.date | str | None = None,
) -> Occupant:
    """Edit an occupant; ``id_number=None`` keeps the stored number."""
    occupant: Occupant = get_visible(
        Occupant.objects.select_related("part__project"), writer(actor), pk=occupant_id
    )
    before = audit.snapshot(occupant)
    errors = v.Errors()
    clean = _occupant_fields(
        errors,
        kind=kind,
        name=name,
        id_number=occupant.id_number if id_number is None else id_number,
        phone=phone,
        moved_in=moved_in,
        moved_out=moved_out,
    )
    errors.raise_if_any()
    for field, value in clean.items():
        setattr(occupant, field, value)
    occupant.save()
    _audit_update(actor, occupant, before, occupant.part.project.node_path)
    return occupant
