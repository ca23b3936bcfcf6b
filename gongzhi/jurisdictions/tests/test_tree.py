"""The jurisdiction tree: 3 or 4 levels from the policy profile (seed 004: 新区 → 新城 →
镇街 → 社区), materialised paths, and the effective profile of a node."""

from __future__ import annotations

import pytest

from gongzhi.audit.models import AuditEntry
from gongzhi.core.errors import DomainError, PermissionDeniedError
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.jurisdictions.selectors import (
    effective_profile,
    effective_profile_id,
    with_inherited_profile,
)
from gongzhi.jurisdictions.services import jurisdiction_create

pytestmark = pytest.mark.django_db


def test_three_levels_under_the_national_profile():
    district = jurisdiction_create(actor=None, name="区", level="district")
    street = jurisdiction_create(actor=None, name="街道", level="street", parent=district)
    community = jurisdiction_create(actor=None, name="社区", level="community", parent=street)
    assert community.path.startswith(street.path) and street.path.startswith(district.path)
    assert community.depth == 2
    with pytest.raises(DomainError) as exc:
        jurisdiction_create(actor=None, name="下一级", level="community", parent=community)
    assert "level" in exc.value.fields


def test_four_levels_in_xixian_seed_004():
    # seed 004: 新区 → 新城 → 镇街 → 社区
    area = jurisdiction_create(
        actor=None, name="西咸新区", level="new_area", profile_id="shaanxi-xixian"
    )
    city = jurisdiction_create(actor=None, name="沣东新城", level="new_city", parent=area)
    street = jurisdiction_create(actor=None, name="王寺街道", level="street", parent=city)
    community = jurisdiction_create(actor=None, name="西围墙社区", level="community", parent=street)
    assert community.depth == 3
    assert effective_profile_id(community) == "shaanxi-xixian"
    assert effective_profile(community).levels == (
        "new_area",
        "new_city",
        "street",
        "community",
    )


def test_wrong_level_is_refused_and_nothing_is_written():
    area = jurisdiction_create(
        actor=None, name="西咸新区", level="new_area", profile_id="shaanxi-xixian"
    )
    before = (Jurisdiction.objects.count(), AuditEntry.objects.count())
    with pytest.raises(DomainError) as exc:
        jurisdiction_create(actor=None, name="某街道", level="street", parent=area)
    assert "level" in exc.value.fields
    assert (Jurisdiction.objects.count(), AuditEntry.objects.count()) == before


def test_nearest_ancestor_profile_wins():
    root = jurisdiction_create(actor=None, name="市", level="city", profile_id="hunan-shaoyang")
    street = jurisdiction_create(
        actor=None, name="街道", level="street", parent=root, profile_id="hunan-ziyang"
    )
    community = jurisdiction_create(actor=None, name="社区", level="community", parent=street)
    assert effective_profile_id(community) == "hunan-ziyang"
    other = jurisdiction_create(actor=None, name="另一街道", level="street", parent=root)
    assert effective_profile_id(other) == "hunan-shaoyang"


def test_the_profile_read_with_the_node_is_the_one_the_chain_gives(settings):
    """``with_inherited_profile`` reads the same profile as the ancestor query: the node's
    own, else the nearest ancestor's, else the default; a changed assignment shows on the
    next read (nothing is kept between reads)."""
    settings.GONGZHI_DEFAULT_PROFILE = "national"
    root = jurisdiction_create(actor=None, name="市", level="city", profile_id="hunan-shaoyang")
    street = jurisdiction_create(
        actor=None, name="街道", level="street", parent=root, profile_id="hunan-ziyang"
    )
    community = jurisdiction_create(actor=None, name="社区", level="community", parent=street)
    other = jurisdiction_create(actor=None, name="另一街道", level="street", parent=root)
    bare = jurisdiction_create(actor=None, name="区", level="district")

    def read() -> dict[str, str]:
        nodes = with_inherited_profile(Jurisdiction.objects.all())
        return {node.name: effective_profile_id(node) for node in nodes}

    expected = {"市": "hunan-shaoyang", "街道": "hunan-ziyang", "社区": "hunan-ziyang"}
    expected |= {"另一街道": "hunan-shaoyang", "区": "national"}
    assert read() == expected
    fresh = {n.name: effective_profile_id(n) for n in (root, street, community, other, bare)}
    assert fresh == expected
    Jurisdiction.objects.filter(pk=street.pk).update(profile_id="")
    assert read()["社区"] == "hunan-shaoyang"


def test_no_profile_anywhere_falls_back_to_national(settings):
    settings.GONGZHI_DEFAULT_PROFILE = "national"
    root = jurisdiction_create(actor=None, name="区", level="district")
    assert effective_profile_id(root) == "national"


def test_unknown_profile_and_bad_division_code_are_refused():
    with pytest.raises(DomainError) as exc:
        jurisdiction_create(actor=None, name="区", level="district", profile_id="atlantis")
    assert "profile_id" in exc.value.fields
    with pytest.raises(DomainError) as exc:
        jurisdiction_create(actor=None, name="区", level="district", division_code="12345")
    assert "division_code" in exc.value.fields
    assert Jurisdiction.objects.count() == 0


def test_only_officials_above_may_add_nodes(city):
    from gongzhi.accounts.selectors import actor_for

    street_officer = actor_for(city.users["street_a"])
    node = jurisdiction_create(
        actor=street_officer, name="新社区", level="community", parent=city.street_a
    )
    assert node.parent == city.street_a
    with pytest.raises(PermissionDeniedError):
        jurisdiction_create(
            actor=street_officer, name="越界社区", level="community", parent=city.street_b
        )
    company = actor_for(city.users["company_1"])
    with pytest.raises(PermissionDeniedError):
        jurisdiction_create(actor=company, name="公司社区", level="community", parent=city.street_a)


def test_tree_page_shows_only_the_subtree(city, login):
    page = login("street_a").get("/jurisdictions/").content.decode()
    assert city.community_a.name in page
    assert city.community_b.name not in page
