"""The register's models, one module per area: ``companies`` (property companies, their
qualifications, staff and street reports), ``guards`` (security-guard filings with the
police), ``housing`` (projects, buildings, building units,
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
from gongzhi.registry.models.guards import GuardFiling
from gongzhi.registry.models.housing import Building, BuildingUnit, ExclusivePart, Project
from gongzhi.registry.models.owners import Occupant, Owner, Ownership

__all__ = [
    "Building",
    "BuildingUnit",
    "CommitteeMember",
    "CompanyQualification",
    "CompanyStaff",
    "ExclusivePart",
    "GuardFiling",
    "Occupant",
    "Owner",
    "OwnersCommittee",
    "Ownership",
    "Project",
    "PropertyCompany",
    "StreetReport",
]
