"""The shapes of /api/v1/registry's housing endpoints: what goes in and what comes out.
Personal data comes out masked (``OwnerOut``, occupants); shares as exact ``"n/d"``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Schema

from gongzhi.registry.models import ExclusivePart, Occupant, Owner, Project
from gongzhi.rules.identity import mask_id_number, mask_phone


class ProjectOut(Schema):
    id: int
    name: str
    community_id: int
    category: str
    service_mode: str
    company_id: int | None
    completed_year: int | None
    total_building_area: Decimal | None
    formation: str


class ProjectDetailOut(ProjectOut):
    address: str
    developer_id: int | None
    totals: dict[str, int | Decimal | None]
    warning: str | None = None


class ProjectIn(Schema):
    name: str
    community_id: int
    category: str
    service_mode: str = Project.ServiceMode.MARKET
    completed_year: int | None = None
    total_building_area: Decimal | None = None
    address: str = ""
    company_id: int | None = None
    developer_uscc: str = ""
    developer_name: str = ""


class UnitOut(Schema):
    id: int
    building_id: int
    project_id: int
    name: str
    storeys: int
    has_elevator: bool


class BuildingOut(Schema):
    id: int
    project_id: int
    name: str
    storeys: int
    completed_year: int | None


class BuildingWithUnitsOut(BuildingOut):
    units: list[UnitOut]


class BuildingIn(Schema):
    name: str
    storeys: int
    completed_year: int | None = None


class UnitIn(Schema):
    name: str
    storeys: int
    has_elevator: bool = False


class PartOut(Schema):
    id: int
    project_id: int
    building_unit_id: int | None
    kind: str
    number: str
    floor: int | None
    area: Decimal
    use: str
    delivery: str
    vacant_unrenovated: bool


class ShareOut(Schema):
    owner_id: int
    owner_name: str
    share: str
    since: dt.date | None


class PartDetailOut(PartOut):
    ownerships: list[ShareOut]


class PartIn(Schema):
    number: str
    area: Decimal
    kind: str = ExclusivePart.Kind.DWELLING
    building_unit_id: int | None = None
    floor: int | None = None
    use: str = ""
    delivery: str = ExclusivePart.Delivery.DELIVERED
    vacant_unrenovated: bool = False


class OwnerRowIn(Schema):
    share: str
    owner_id: int | None = None
    kind: str = Owner.Kind.PERSON
    name: str = ""
    id_number: str = ""
    uscc: str = ""
    phone: str = ""
    since: dt.date | None = None


class OwnershipsIn(Schema):
    owners: list[OwnerRowIn]


class OwnerOut(Schema):
    """ID numbers and phones always masked (rules.identity)."""

    id: int
    kind: str
    name: str
    id_number: str
    uscc: str
    phone: str
    is_developer: bool

    @staticmethod
    def resolve_id_number(obj: Any) -> str:
        value = obj["id_number"] if isinstance(obj, dict) else obj.id_number
        return mask_id_number(value)

    @staticmethod
    def resolve_phone(obj: Any) -> str:
        value = obj["phone"] if isinstance(obj, dict) else obj.phone
        return mask_phone(value)


class ProjectOwnerOut(OwnerOut):
    part_count: int
    area: Decimal | None


class OwnerIn(Schema):
    name: str
    phone: str = ""
    number: str | None = None


class OccupantOut(Schema):
    id: int
    part_id: int
    kind: str
    name: str
    id_number: str
    phone: str
    moved_in: dt.date | None
    moved_out: dt.date | None


class OccupantIn(Schema):
    kind: str = Occupant.Kind.TENANT
    name: str
    id_number: str | None = None
    phone: str = ""
    moved_in: dt.date | None = None
    moved_out: dt.date | None = None


class HomeOut(Schema):
    part_id: int
    project_id: int
    project_name: str
    number: str
    kind: str
    area: Decimal
    share: str


class RevealOut(Schema):
    field: str
    value: str
