"""Housing pages: projects, buildings, units, exclusive parts, owners (masked, with
audited reveal), occupants, my homes; Excel exports of the lists. Views collect input and
call the services; every rule lives in the services and ``validation.py``. One module per
entity; every view is importable from here."""

from gongzhi.registry.housing.views.owners import (
    my_homes_view,
    occupant_create_view,
    occupant_edit_view,
    owner_detail_view,
    owner_edit_view,
    owner_list_view,
    owner_reveal_view,
)
from gongzhi.registry.housing.views.parts import (
    building_create_view,
    building_edit_view,
    part_create_view,
    part_detail_view,
    part_edit_view,
    part_ownerships_view,
    unit_create_view,
    unit_edit_view,
)
from gongzhi.registry.housing.views.projects import (
    project_create_view,
    project_detail_view,
    project_edit_view,
    project_export_view,
    project_list_view,
    project_owners_export_view,
    project_owners_view,
    project_parts_export_view,
)

__all__ = [
    "building_create_view",
    "building_edit_view",
    "my_homes_view",
    "occupant_create_view",
    "occupant_edit_view",
    "owner_detail_view",
    "owner_edit_view",
    "owner_list_view",
    "owner_reveal_view",
    "part_create_view",
    "part_detail_view",
    "part_edit_view",
    "part_ownerships_view",
    "project_create_view",
    "project_detail_view",
    "project_edit_view",
    "project_export_view",
    "project_list_view",
    "project_owners_export_view",
    "project_owners_view",
    "project_parts_export_view",
    "unit_create_view",
    "unit_edit_view",
]
