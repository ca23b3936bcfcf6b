"""The register's models, one module per area: ``companies`` (property companies, their
qualifications, staff and street reports), ``housing`` (projects, buildings, building units,
exclusive parts), ``owners`` (owners, ownership shares, occupants) and ``governance``
(owners' committees and their members). Every model is importable from here.
"""

from gongzhi.registry.models.companies import (
    CompanyQualification,
    CompanyStaff,
    PropertyCompany,
    StreetReport,
)
from gongzhi.registry.models.governance import CommitteeMember, OwnersCommittee
from gongzhi.registry.models.housing import Building, BuildingUnit, ExclusivePart, Project
from gongzhi.registry.models.owners import Occupant, Owner, Ownership

__all__ = [
    "Building",
    "BuildingUnit",
    "CommitteeMember",
    "CompanyQualification",
    "CompanyStaff",
    "ExclusivePart",
    "Occupant",
    "Owner",
    "OwnersCommittee",
    "Ownership",
    "Project",
    "PropertyCompany",
    "StreetReport",
]
