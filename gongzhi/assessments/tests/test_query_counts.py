"""Query counts of the yearly results (query budgets): ``companies_year_results`` reads a
constant number of queries whatever the number of companies, projects and quarters (no
query per row, project or company), so a regression fails here without a timed test."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from stdnum.cn import uscc

from gongzhi.accounts.selectors import actor_for
from gongzhi.assessments.models import AssessmentRound, ProjectAssessment
from gongzhi.assessments.selectors import (
    companies_year_results,
    company_year_results,
    year_results,
)
from gongzhi.registry.models import Project, PropertyCompany
from gongzhi.testing import City

pytestmark = pytest.mark.django_db
YEAR = 2025


def _uscc(i: int) -> str:
    body = f"91430500MA{i:07d}"
    return body + uscc.calc_check_digit(body)


def _published(city: City, companies: int, projects: int) -> list[int]:
    """``companies`` companies (the city's two first) each serving ``projects`` projects
    in the two communities, with four published quarters each (bulk inserts)."""
    firms = [city.company_1, city.company_2][:companies]
    for i in range(len(firms), companies):
        firms.append(
            PropertyCompany.objects.create(
                name=f"计数物业{i}",
                uscc=_uscc(i),
                legal_representative="张三",
                filed_with=city.district,
                node_path=city.district.path,
            )
        )
    communities = [city.community_a, city.community_b]
    sites = Project.objects.bulk_create(
        Project(
            name=f"计数小区{firm.pk}-{p}-{projects}",
            community=communities[p % 2],
            node_path=communities[p % 2].path,
            category=Project.Category.NEW,
            company=firm,
        )
        for firm in firms
        for p in range(projects)
    )
    streets = {city.community_a.pk: city.street_a, city.community_b.pk: city.street_b}
    rounds = {
        (street.pk, q): AssessmentRound.objects.get_or_create(
            street=street, year=YEAR, quarter=q, defaults={"node_path": street.path}
        )[0]
        for street in streets.values()
        for q in (1, 2, 3, 4)
    }
    ProjectAssessment.objects.bulk_create(
        ProjectAssessment(
            round=rounds[(streets[site.community_id].pk, q)],
            project=site,
            company_id=site.company_id,
            year=YEAR,
            quarter=q,
            profile_id="national",
            assessors="计数",
            total=Decimal(60 + (i * 7 + q * 13) % 40) + Decimal("0.25"),
            max_score=100,
            band="good",
            status=ProjectAssessment.Status.PUBLISHED,
            node_path=site.node_path,
        )
        for i, site in enumerate(sites)
        for q in (1, 2, 3, 4)
    )
    return [firm.pk for firm in firms]


def _queries(ids: list[int]) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        results = companies_year_results(ids, YEAR)
    return len(captured.captured_queries), sum(len(v) for v in results.values())


@pytest.mark.parametrize("sizes", [((1, 1), (6, 5))])
def test_companies_year_results_reads_a_constant_number_of_queries(city: City, sizes: Any) -> None:
    (small_companies, small_projects), (big_companies, big_projects) = sizes
    small_ids = _published(city, small_companies, small_projects)
    small, small_results = _queries(small_ids)
    big_ids = _published(city, big_companies, big_projects)
    big, big_results = _queries(big_ids)
    assert small_results == small_companies * small_projects
    assert big_results == big_companies * big_projects + small_results  # company 1 in both
    assert small == big == 2  # the rows; the profiles of every community on their paths


def test_effective_profiles_match_effective_profile(city: City) -> None:
    """The one-query form agrees with the per-node read, for a node with its own profile
    and nodes that inherit one."""
    from gongzhi.jurisdictions.models import Jurisdiction
    from gongzhi.jurisdictions.selectors import effective_profile, effective_profiles

    Jurisdiction.objects.filter(pk=city.street_b.pk).update(profile_id="hunan-ziyang")
    nodes = list(Jurisdiction.objects.all())
    with CaptureQueriesContext(connection) as captured:
        found = effective_profiles(n.path for n in nodes)
    assert len(captured.captured_queries) == 1
    assert {n.path: found[n.path].id for n in nodes} == {
        n.path: effective_profile(n).id for n in nodes
    }
    assert found[city.community_b.path].id == "hunan-ziyang"


@pytest.mark.parametrize("sizes", [((1, 1), (6, 5))])
def test_one_company_and_scoped_reads_agree_with_the_bulk_read_in_constant_queries(
    city: City, sizes: Any
) -> None:
    """``company_year_results`` and the bureau's ``year_results`` read as few queries as
    ``companies_year_results`` at both sizes and give its results (seed 001 §四(二) 二: one
    yearly result per project and company): each company's list as the bulk call has it,
    and the bureau's list (every project of its district) holding those lists in its order."""
    bureau = actor_for(city.users["bureau"])
    for companies, projects in sizes:
        ids = _published(city, companies, projects)
        bulk = companies_year_results(ids, YEAR)
        for pk in ids:
            with CaptureQueriesContext(connection) as captured:
                own = company_year_results(pk, YEAR)
            assert len(captured.captured_queries) == 2
            assert own == bulk[pk]
        with CaptureQueriesContext(connection) as captured:
            scoped = year_results(actor=bureau, year=YEAR)
        assert len(captured.captured_queries) == 2
        assert len(scoped) == sum(len(results) for results in bulk.values())
        for pk in ids:
            assert [r for r in scoped if r.company_id == pk] == bulk[pk]
        projects = Project.objects.filter(pk__in={r.project_id for r in scoped})
        in_order = list(projects.order_by("name").values_list("name", flat=True))
        assert [r.project_name for r in scoped] == in_order  # the database's name order
