"""Reads of the jurisdiction tree and the effective policy profile of a node."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.lookups import StartsWith

from gongzhi.core.scoping import Actor
from gongzhi.jurisdictions.models import Jurisdiction, Level
from gongzhi.rules.profiles import PolicyProfile, get_profile
from gongzhi.rules.staffing import StaffingCheck, officers_check


def nodes_of(actor: Actor) -> list[Jurisdiction]:
    """The nodes an official is bound to (the roots of what they see)."""
    ids = [g.node_id for g in actor.grants_of("node") if g.node_id]
    return list(Jurisdiction.objects.filter(pk__in=ids).order_by("path"))


def subtree(*, actor: Actor, max_depth: int | None = None) -> QuerySet[Jurisdiction]:
    qs = Jurisdiction.objects.visible_to(actor)
    if max_depth is not None:
        qs = qs.filter(depth__lte=max_depth)
    return qs.order_by("path")


def ancestors(node: Jurisdiction) -> QuerySet[Jurisdiction]:
    return Jurisdiction.objects.filter(pk__in=node.ancestor_ids()).order_by("depth")


INHERITED_PROFILE = "inherited_profile_id"
_NOT_READ = object()


def with_inherited_profile(nodes: QuerySet[Jurisdiction]) -> QuerySet[Jurisdiction]:
    """``nodes`` with ``inherited_profile_id``: the profile of the nearest node on each one's
    chain (itself or an ancestor) that names one, read in the same query, so that
    :func:`effective_profile_id` of a node fetched this way runs no query of its own."""
    nearest = (
        Jurisdiction.objects.filter(StartsWith(OuterRef("path"), F("path")))
        .exclude(profile_id="")
        .order_by("-depth")
        .values("profile_id")[:1]
    )
    return nodes.annotate(**{INHERITED_PROFILE: Subquery(nearest)})


def effective_profile_id(node: Jurisdiction) -> str:
    """The node's own profile, else its nearest ancestor's, else the configured default."""
    if node.profile_id:
        return node.profile_id
    inherited = getattr(node, INHERITED_PROFILE, _NOT_READ)
    if inherited is not _NOT_READ:  # fetched through with_inherited_profile
        return str(inherited or settings.GONGZHI_DEFAULT_PROFILE)
    chain = (
        Jurisdiction.objects.filter(pk__in=node.ancestor_ids())
        .exclude(Q(profile_id=""))
        .order_by("-depth")
        .values_list("profile_id", flat=True)
        .first()
    )
    return chain or settings.GONGZHI_DEFAULT_PROFILE


def effective_profile(node: Jurisdiction) -> PolicyProfile:
    return get_profile(effective_profile_id(node))


def community_staffing(nodes: list[Jurisdiction]) -> dict[int, StaffingCheck]:
    """Each community among ``nodes`` → its property officers (active community-officer
    memberships bound to it) against the profile's ``community_property_officers_min``
    (seed 003 §五(二)2(2); seed 004 §3). One count query and one for every community's profile."""
    from gongzhi.accounts.models import Membership, Role

    communities = [n for n in nodes if n.level == Level.COMMUNITY]
    counts = dict(
        Membership.objects.filter(
            role=Role.COMMUNITY_OFFICER,
            node_id__in=[n.pk for n in communities],
            user__is_active=True,
        )
        .values("node_id")
        .annotate(n=Count("user_id", distinct=True))
        .values_list("node_id", "n")
    )
    profiles = effective_profiles(n.path for n in communities)
    return {
        node.pk: officers_check(profiles[node.path], counts.get(node.pk, 0)) for node in communities
    }


def effective_profiles(paths: Iterable[str]) -> dict[str, PolicyProfile]:
    """``effective_profile`` of many nodes, given their paths, in one query (the profile
    ids of every node on those paths): path → profile."""
    chains = {path: Jurisdiction(path=path).ancestor_ids() for path in set(paths)}
    own = dict(
        Jurisdiction.objects.filter(pk__in={pk for ids in chains.values() for pk in ids})
        .exclude(profile_id="")
        .values_list("pk", "profile_id")
    )
    out: dict[str, PolicyProfile] = {}
    for path, ids in chains.items():
        found = next((own[pk] for pk in reversed(ids) if pk in own), None)
        out[path] = get_profile(found or settings.GONGZHI_DEFAULT_PROFILE)
    return out
