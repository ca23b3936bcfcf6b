"""Fixtures for the property-company tests: an unfiled third company with its own staff
account, and helpers. Imported explicitly by the ``test_companies_*`` modules."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from gongzhi.accounts.models import Role, User
from gongzhi.accounts.selectors import actor_for
from gongzhi.accounts.services import user_create
from gongzhi.registry.companies import services
from gongzhi.registry.models import CompanyStaff, PropertyCompany
from gongzhi.testing import PASSWORD, City

# Valid codes (check digits computed with python-stdnum) and one with a wrong check digit.
USCC_3 = "91430500MA4L0CQX14"
USCC_4 = "91430500MA4L0CQX27"
USCC_BAD_CHECK = "91430500MA4L0CQX15"

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@dataclass
class NewCompany:
    company: PropertyCompany
    user: User


def complete_profile() -> dict[str, str]:
    return {
        "name": "潇湘物业有限公司",
        "uscc": USCC_3,
        "legal_representative": "周五",
        "contact_name": "吴六",
        "contact_phone": "0739-5551234",
        "address": "共治区人民路 1 号",
        "email": "office@xiaoxiang.example",
    }


@pytest.fixture
def company_3(city: City) -> NewCompany:
    """An unfiled company registered by the bureau, with a staff account ``company_3``."""
    company = services.company_create(actor=actor_for(city.users["bureau"]), **complete_profile())
    user = user_create(
        actor=None,
        username="company_3",
        password=PASSWORD,
        role=Role.COMPANY_STAFF,
        company=company,
    )
    return NewCompany(company=company, user=user)


def add_required_staff(company: PropertyCompany) -> None:
    CompanyStaff.objects.create(
        company=company, name="项目经理", role=CompanyStaff.Role.PROJECT_MANAGER
    )
    CompanyStaff.objects.create(company=company, name="工程师", role=CompanyStaff.Role.ENGINEER)
