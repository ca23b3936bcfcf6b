"""Fixtures of the lifecycle tests: actors of the test city, a new project without a
company, a filed contract, the day moved with the platform clock; and the steps many
tests start from (a preliminary tender with its bidders and committee, a handover)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from gongzhi.accounts.selectors import actor_for
from gongzhi.contracts import services as contracts
from gongzhi.contracts.models import ServiceContract
from gongzhi.core import clock
from gongzhi.core.scoping import Actor
from gongzhi.lifecycle import services
from gongzhi.lifecycle.models import Exit, Handover, Selection
from gongzhi.registry.models import (
    Building,
    BuildingUnit,
    ExclusivePart,
    Owner,
    Project,
    PropertyCompany,
    StreetReport,
)
from gongzhi.testing import City

TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def today() -> Iterator[dt.date]:
    """Every lifecycle test runs on 2026-03-02 unless it moves the clock (the decisions
    calendar reads the same core clock)."""
    with clock.frozen(TODAY), translation.override("en"):
        yield TODAY


@pytest.fixture
def actor(city: City) -> Callable[[str], Actor]:
    def _actor(username: str) -> Actor:
        return actor_for(city.users[username])

    return _actor


def pdf(name: str = "scan.pdf") -> Any:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%scan\n", content_type="application/pdf")


def png(name: str = "photo.png") -> Any:
    data = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
        b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
        b"\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    return SimpleUploadedFile(name, data, content_type="image/png")


@pytest.fixture
def new_project(city: City) -> Project:
    """新城花园: a new project in community A that no company serves yet, with a developer
    and one dwelling."""
    developer = Owner.objects.create(
        kind=Owner.Kind.ORGANISATION, name="新城置业有限公司", uscc="91430500MA4L0BQY1X"[:18],
        is_developer=True,
    )  # fmt: skip
    project = Project.objects.create(
        name="新城花园",
        community=city.community_a,
        node_path=city.community_a.path,
        category=Project.Category.NEW,
        developer=developer,
        total_building_area=Decimal("120000.00"),
    )
    building = Building.objects.create(project=project, name="1栋", storeys=11)
    unit = BuildingUnit.objects.create(
        building=building, project=project, name="1单元", storeys=11, has_elevator=True
    )
    ExclusivePart.objects.create(
        project=project, building_unit=unit, number="1-1-101", floor=1, area=Decimal("98.00")
    )
    for company in (city.company_1, city.company_2):  # reported to the street (seed 000 §11)
        StreetReport.objects.create(
            company=company, street=city.street_a, node_path=city.street_a.path
        )
    return project


def file_contract(
    actor: Callable[[str], Actor],
    *,
    company_user: str,
    project: Project,
    kind: str = "regular",
    term_start: dt.date = dt.date(2024, 1, 1),
    term_end: dt.date = dt.date(2026, 12, 31),
    signed_on: dt.date = dt.date(2023, 12, 20),
    street_user: str = "street_a",
) -> ServiceContract:
    """Draft, attach, submit, review and file a contract through the contracts services."""
    staff = actor(company_user)
    contract = contracts.contract_create(
        actor=staff,
        project_id=project.pk,
        kind=kind,
        signed_on=signed_on,
        term_start=term_start,
        term_end=term_end,
        service_grade="2",
        fee_per_m2_month="1.80",
        fee_mode="lump_sum",
    )
    contracts.attachment_add(
        actor=staff, contract_id=contract.pk, kind="contract_text", upload=pdf()
    )
    contracts.contract_act(actor=staff, contract_id=contract.pk, action="submit")
    contracts.contract_act(actor=actor(street_user), contract_id=contract.pk, action="review")
    return contracts.contract_act(actor=actor("bureau"), contract_id=contract.pk, action="file")


@pytest.fixture
def filed_contract(city: City, actor: Callable[[str], Actor]) -> ServiceContract:
    """Company 1's filed regular contract for project A, 2024-01-01 – 2026-12-31."""
    return file_contract(actor, company_user="company_1", project=city.project_a)


def preliminary_tender(
    organiser: Actor, project: Project, *, title: str = "招标", **dates: dt.date
) -> Selection:
    """A preliminary tender announced on 2026-03-01, bids until 2026-03-20, before the
    pre-sale permit of 2026-05-01 (seed 000 §13); ``dates`` replace any of the three."""
    values = {
        "announced_on": dt.date(2026, 3, 1),
        "bid_deadline": dt.date(2026, 3, 20),
        "presale_permit_on": dt.date(2026, 5, 1),
        **dates,
    }
    return services.selection_create(
        actor=organiser, project_id=project.pk, kind="preliminary", title=title, **values
    )


def bid(organiser: Actor, selection: Selection, companies: Iterable[PropertyCompany]) -> list[int]:
    """The companies added as bidders, in order: their bidder ids."""
    return [
        services.bidder_add(actor=organiser, selection_id=selection.pk, company_id=c.pk).pk
        for c in companies
    ]


def tender_committee(
    organiser: Actor, selection: Selection, *, tenderer: str = "甲", experts: str = "乙"
) -> None:
    """An evaluation committee of the tenderer's representative and an expert."""
    services.committee_set(
        actor=organiser,
        selection_id=selection.pk,
        members=[{"party": "tenderer", "name": tenderer}, {"party": "experts", "name": experts}],
    )


def open_handover(actor: Callable[[str], Actor], city: City) -> Handover:
    """Street A opens the inspection of project A, company 1 receiving, delivery 2026-06-30."""
    return services.handover_create(
        actor=actor("street_a"),
        project_id=city.project_a.pk,
        company_id=city.company_1.pk,
        delivery_on=dt.date(2026, 6, 30),
        developer_name="幸福置业",
    )


def non_renewal(
    actor: Callable[[str], Actor],
    contract: ServiceContract,
    *,
    company_user: str = "company_1",
    notice_on: dt.date = dt.date(2026, 3, 1),
    recipients: Iterable[str] = ("owners_committee",),
) -> Exit:
    """The company's written notice that it will not renew ``contract`` (it ends with its
    term), given on ``notice_on`` to ``recipients``."""
    return services.exit_notify(
        actor=actor(company_user),
        contract_id=contract.pk,
        kind="non_renewal",
        notice_on=notice_on,
        end_on=None,
        recipients=list(recipients),
    )
