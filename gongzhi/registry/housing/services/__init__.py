"""Writes for the housing register: projects, buildings, building units, exclusive parts,
owners and their shares, occupants. Every write is atomic and audited in the same
transaction; bad input raises a DomainError naming each field and writes nothing.

Who writes: officials (bureau, street, community) within their subtree, and the platform
administrator. Property companies and committee members read only; an id outside the
writer's subtree is "not found" (404), the same as an absent id.

Seeds: 000 §11 (only a filed company serves), 000 §15 (delivery status, vacant and
unrenovated parts; the developer holds unsold parts), 001 §五 (old projects), 民法典
art. 278 (exclusive area and exact shares). One module per entity; every public name is
importable from here.
"""

from gongzhi.registry.housing.services.buildings import (
    building_create,
    building_unit_create,
    building_unit_update,
    building_update,
)
from gongzhi.registry.housing.services.occupants import occupant_create, occupant_update
from gongzhi.registry.housing.services.owners import (
    OwnerInput,
    owner_reveal,
    owner_update,
    part_ownerships_replace,
)
from gongzhi.registry.housing.services.parts import part_create, part_update
from gongzhi.registry.housing.services.projects import ProjectResult, project_create, project_update

__all__ = [
    "OwnerInput",
    "ProjectResult",
    "building_create",
    "building_unit_create",
    "building_unit_update",
    "building_update",
    "occupant_create",
    "occupant_update",
    "owner_reveal",
    "owner_update",
    "part_create",
    "part_ownerships_replace",
    "part_update",
    "project_create",
    "project_update",
]
