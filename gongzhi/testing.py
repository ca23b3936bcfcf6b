"""A small two-street city for tests, built through the real services.

district 共治区
├── 东城街道 (street A) ── 幸福社区 (community A) ── 幸福家园 (project A, company 1)
└── 西城街道 (street B) ── 和平社区 (community B) ── 和平花园 (project B, company 2)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gongzhi.accounts.models import Role, User
from gongzhi.accounts.services import user_create
from gongzhi.jurisdictions.models import Department, Jurisdiction
from gongzhi.jurisdictions.services import department_create, jurisdiction_create
from gongzhi.registry.models import (
    Building,
    BuildingUnit,
    ExclusivePart,
    Owner,
    Ownership,
    Project,
    PropertyCompany,
)

PASSWORD = "Test-pass-2026!"  # noqa: S105 - test fixture

# Valid identifiers (check digits verified by python-stdnum).
USCC_1 = "91430500MA4L0BQX1W"
USCC_2 = "91360702MA35G2K966"
ID_1 = "430502199003074517"
ID_2 = "43050219851212002X"


@dataclass
class City:
    district: Jurisdiction
    street_a: Jurisdiction
    street_b: Jurisdiction
    community_a: Jurisdiction
    community_b: Jurisdiction
    department: Department
    company_1: PropertyCompany
    company_2: PropertyCompany
    project_a: Project
    project_b: Project
    part_a1: ExclusivePart
    part_a2: ExclusivePart
    part_b1: ExclusivePart
    owner_1: Owner
    owner_2: Owner
    owner_b: Owner
    users: dict[str, User]


def _project(community: Jurisdiction, name: str, company: PropertyCompany) -> Project:
    return Project.objects.create(
        name=name,
        community=community,
        node_path=community.path,
        category=Project.Category.NEW,
        company=company,
        completed_year=2015,
    )


def _part(project: Project, unit: BuildingUnit, number: str, area: str) -> ExclusivePart:
    return ExclusivePart.objects.create(
        project=project,
        building_unit=unit,
        number=number,
        floor=int(number.split("-")[-1][0]),
        area=Decimal(area),
    )


def _company(name: str, uscc: str, representative: str, district: Jurisdiction) -> PropertyCompany:
    """A company filed with the district."""
    return PropertyCompany.objects.create(
        name=name,
        uscc=uscc,
        legal_representative=representative,
        filed_with=district,
        node_path=district.path,
        filing_status=PropertyCompany.FilingStatus.FILED,
    )


def _user(username: str, role: str, mobile: str | None = None, **scope: Any) -> User:
    """A user holding one membership (``role`` with its scope), through the real service."""
    return user_create(
        actor=None, username=username, password=PASSWORD, mobile=mobile, role=role, **scope
    )


def _owner(name: str, phone: str, id_number: str = "", user: User | None = None) -> Owner:
    return Owner.objects.create(
        kind=Owner.Kind.PERSON, name=name, id_number=id_number, phone=phone, user=user
    )


def build_city(profile_id: str = "national") -> City:
    district = jurisdiction_create(
        actor=None, name="共治区", level="district", profile_id=profile_id, division_code="430502"
    )
    street_a = jurisdiction_create(actor=None, name="东城街道", level="street", parent=district)
    street_b = jurisdiction_create(actor=None, name="西城街道", level="street", parent=district)
    community_a = jurisdiction_create(
        actor=None, name="幸福社区", level="community", parent=street_a
    )
    community_b = jurisdiction_create(
        actor=None, name="和平社区", level="community", parent=street_b
    )
    department = department_create(actor=None, node=district, kind="market_regulation")
    company_1 = _company("湘安物业服务有限公司", USCC_1, "张三", district)
    company_2 = _company("赣南物业管理有限公司", USCC_2, "李四", district)
    project_a = _project(community_a, "幸福家园", company_1)
    project_b = _project(community_b, "和平花园", company_2)
    b_a = Building.objects.create(project=project_a, name="1栋", storeys=18)
    u_a = BuildingUnit.objects.create(
        building=b_a, project=project_a, name="1单元", storeys=18, has_elevator=True
    )
    b_b = Building.objects.create(project=project_b, name="1栋", storeys=6)
    u_b = BuildingUnit.objects.create(building=b_b, project=project_b, name="1单元", storeys=6)
    part_a1 = _part(project_a, u_a, "1-1-101", "89.50")
    part_a2 = _part(project_a, u_a, "1-1-102", "120.25")
    part_b1 = _part(project_b, u_b, "1-1-201", "75.00")

    users = {
        "admin": User.objects.create_superuser("admin", password=PASSWORD),
        "bureau": _user("bureau", Role.BUREAU, node=district),
        "street_a": _user("street_a", Role.STREET_OFFICER, node=street_a),
        "street_b": _user("street_b", Role.STREET_OFFICER, node=street_b),
        "community_a": _user("community_a", Role.COMMUNITY_OFFICER, node=community_a),
        "dept": _user("dept", Role.DEPARTMENT_STAFF, department=department, node=district),
        "company_1": _user("company_1", Role.COMPANY_STAFF, company=company_1),
        "company_2": _user("company_2", Role.COMPANY_STAFF, company=company_2),
        "committee_a": _user("committee_a", Role.COMMITTEE_MEMBER, project=project_a),
        "owner_1": _user("owner_1", Role.OWNER, mobile="13800000001"),
        "owner_2": _user("owner_2", Role.OWNER, mobile="13800000002"),
    }
    owner_1 = _owner("王小明", "13800000001", id_number=ID_1, user=users["owner_1"])
    owner_2 = _owner("赵小红", "13800000002", id_number=ID_2, user=users["owner_2"])
    owner_b = _owner("钱多多", "13900000003")
    Ownership.objects.create(part=part_a1, owner=owner_1)
    Ownership.objects.create(part=part_a2, owner=owner_2)
    Ownership.objects.create(part=part_b1, owner=owner_b)
    return City(
        district=district,
        street_a=street_a,
        street_b=street_b,
        community_a=community_a,
        community_b=community_b,
        department=department,
        company_1=company_1,
        company_2=company_2,
        project_a=project_a,
        project_b=project_b,
        part_a1=part_a1,
        part_a2=part_a2,
        part_b1=part_b1,
        owner_1=owner_1,
        owner_2=owner_2,
        owner_b=owner_b,
        users=users,
    )
