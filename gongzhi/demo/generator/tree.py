"""The demo city's jurisdiction tree and functional departments, through the services.

The levels come from the policy profile (3 levels nationally, 4 in seed 004: 新区 → 新城 →
镇街 → 社区); streets scale with the household count (about one per 8 000, at least two),
each with 2–6 communities. Division codes: 6 digits at the root, 9 for streets (0xx for
街道, 1xx for 镇), 12 for communities; intermediate levels (新城) have none.
"""

from __future__ import annotations

import random

from gongzhi.demo.extensions import Tree
from gongzhi.demo.generator.identity import IdentityFactory
from gongzhi.demo.generator.names import (
    COMMUNITY_BASES,
    DEPARTMENT_NAMES,
    MIDDLE_NAMES,
    ROOT_NAMES,
    STREET_BASES,
    NamePicker,
    Region,
    combined,
)
from gongzhi.jurisdictions.models import Department
from gongzhi.jurisdictions.services import department_create, jurisdiction_create

HOUSEHOLDS_PER_STREET = 8000
COMMUNITIES_PER_STREET = (2, 6)


def build_tree(
    *,
    rng: random.Random,
    ids: IdentityFactory,
    region: Region,
    levels: tuple[str, ...],
    profile_id: str,
    households: int,
) -> Tree:
    """Create the nodes top-down (``jurisdiction_create`` checks each level) and the
    root's departments (``department_create``), every kind once."""
    root = jurisdiction_create(
        actor=None,
        name=ROOT_NAMES.get(levels[0], f"共治{levels[0]}"),
        level=levels[0],
        division_code=region.division_code,
        profile_id=profile_id,
        phone=ids.landline(region.area_code),
    )
    tree = Tree(root=root, node_count=1)

    # Levels between the root and the street (seed 004: two 新城 under the 新区).
    parents = [root]
    for level in levels[1:-2]:
        pool = MIDDLE_NAMES.get(level, tuple(f"第{n}{level}" for n in "一二三四"))
        parents = [
            jurisdiction_create(
                actor=None,
                name=name,
                level=level,
                parent=parent,
                phone=ids.landline(region.area_code),
            )
            for parent in parents
            for name in pool[:2]
        ]
        tree.node_count += len(parents)

    street_level, community_level = levels[-2], levels[-1]
    street_count = max(2, round(households / HOUSEHOLDS_PER_STREET))
    street_names = NamePicker(rng)
    community_names = NamePicker(rng)
    subdistricts = towns = 0
    for i in range(street_count):
        parent = parents[i % len(parents)]
        is_town = i > 0 and rng.random() < 0.25
        if is_town:
            towns += 1
            code = f"{region.division_code}{100 + towns:03d}"
        else:
            subdistricts += 1
            code = f"{region.division_code}{subdistricts:03d}"
        name = street_names.pick(combined(STREET_BASES, "镇" if is_town else "街道"))
        street = jurisdiction_create(
            actor=None,
            name=name,
            level=street_level,
            parent=parent,
            division_code=code,
            phone=ids.landline(region.area_code),
        )
        tree.streets.append(street)
        for j in range(rng.randint(*COMMUNITIES_PER_STREET)):
            suffix = "村" if is_town and j > 0 and rng.random() < 0.5 else "社区"
            community = jurisdiction_create(
                actor=None,
                name=community_names.pick(combined(COMMUNITY_BASES, suffix)),
                level=community_level,
                parent=street,
                division_code=f"{code}{j + 1:03d}",
                phone=ids.landline(region.area_code),
            )
            tree.communities.append(community)
    tree.node_count += len(tree.streets) + len(tree.communities)
    # Path order: the "first street" and its first community are the tree's first ones.
    tree.streets.sort(key=lambda n: n.path)
    tree.communities.sort(key=lambda n: n.path)

    for kind in Department.Kind:
        label = DEPARTMENT_NAMES.get(kind.value, str(kind.label))
        tree.departments[kind.value] = department_create(
            actor=None,
            node=root,
            kind=kind.value,
            name=f"{root.name}{label}",
            phone=ids.landline(region.area_code),
        )
    return tree
