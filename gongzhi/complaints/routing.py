"""Where a complaint goes and by when: the responsibility list in force, the responsible
party, the tier that handles it, and its working-day deadlines.

The list is the bureau's edited :class:`ResponsibilityList` of the nearest jurisdiction
that has one, else the node's profile (``complaint_responsibilities``). The party comes
from the list (seed 003 §五; 000 §5); a matter the street must pass to a department goes
to that department (003 §四(二)2). The tiers and the day counts come from the profile.

Every function that reads the node's profile takes an optional ``profile``: a caller that
routes and dates one matter (``complaint_submit``) resolves the inherited profile once
(``jurisdictions.selectors.effective_profile``) and passes it down, instead of each step
walking the ancestors again. Without it each function resolves the profile itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from gongzhi.complaints.models import Party, ResponsibilityList
from gongzhi.core.errors import DomainError
from gongzhi.holidays.selectors import holiday_schedule
from gongzhi.jurisdictions.models import Department, Jurisdiction
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.models import Project, PropertyCompany
from gongzhi.rules import complaints as rules
from gongzhi.rules.complaints import ComplaintDeadlines, Responsibility
from gongzhi.rules.profiles import PolicyProfile


def _profile(node: Jurisdiction, profile: PolicyProfile | None) -> PolicyProfile:
    return effective_profile(node) if profile is None else profile


def responsibilities_for(
    node: Jurisdiction, profile: PolicyProfile | None = None
) -> tuple[Responsibility, ...]:
    """The list in force at ``node``: the nearest bureau-edited list, else the profile's
    (``profile``: the node's effective profile, if the caller already has it)."""
    edited = (
        ResponsibilityList.objects.filter(node_id__in=node.ancestor_ids())
        .order_by("-node__depth")
        .values_list("entries", flat=True)
        .first()
    )
    if edited is not None:
        return rules.parse_responsibilities(edited)
    return _profile(node, profile).table("complaint_responsibilities", Responsibility)


def ancestor_at(node: Jurisdiction, level: str) -> Jurisdiction | None:
    """The node itself or its ancestor at ``level`` (None if the chain has no such level)."""
    if node.level == level:
        return node
    return Jurisdiction.objects.filter(pk__in=node.ancestor_ids(), level=level).first()


def tiers_of(node: Jurisdiction, profile: PolicyProfile | None = None) -> tuple[str, ...]:
    return _profile(node, profile).strings("complaint_tiers")


def lowest_tier(node: Jurisdiction, profile: PolicyProfile | None = None) -> Jurisdiction:
    """The lowest tier (community, else street …) on the node's chain; the node itself if
    none of its levels is a tier."""
    for level in reversed(tiers_of(node, profile)):
        found = ancestor_at(node, level)
        if found is not None:
            return found
    return node


@dataclass(frozen=True)
class Plan:
    """The routing of one complaint: who handles it, at which tier, and why."""

    responsibility: Responsibility
    party: str
    department: Department | None
    company: PropertyCompany | None
    tier_node: Jurisdiction
    note: str


def unknown_category(code: str) -> DomainError:
    return DomainError(
        _("Choose a category from the responsibility list."),
        fields={"category": [_("Unknown category “%(code)s”.") % {"code": code}]},
    )


def plan_route(
    node: Jurisdiction,
    project: Project | None,
    category: str,
    profile: PolicyProfile | None = None,
) -> Plan:
    """Route ``category`` at ``node`` per the list in force (unknown → DomainError)."""
    profile = _profile(node, profile)
    route = rules.route(responsibilities_for(node, profile), category)
    if route is None:
        raise unknown_category(category)
    item = route.responsibility
    party: str = item.party
    department: Department | None = None
    # The company serving the place: complained about when the party is the company, and
    # told about every matter in its project.
    company = project.company if project is not None else None
    fallback = ""
    if party == Party.COMPANY and company is None:
        party, fallback = Party.STREET, _t("No property company serves this place.")
    elif party == Party.COMMITTEE and project is None:
        party, fallback = Party.STREET, _t("No project is named, so no owners' committee.")
    elif party == Party.DEPARTMENT:
        department = (
            Department.objects.filter(kind=item.department_kind, node_id__in=node.ancestor_ids())
            .select_related("node")
            .order_by("-node__depth")
            .first()
        )
        if department is None:
            party, fallback = (
                Party.STREET,
                _t("No department of this kind is registered; the street handles it."),
            )
    if party == Party.STREET:
        tier = ancestor_at(node, "street") or lowest_tier(node, profile)
    elif party == Party.DEPARTMENT and department is not None:
        tiers = tiers_of(node, profile)
        tier = department.node if department.node.level in tiers else lowest_tier(node, profile)
    else:
        tier = lowest_tier(node, profile)
    handler = department.name if department is not None else str(Party(party).label)
    note = _t("%(category)s → %(handler)s (responsibility list: %(source)s).") % {
        "category": item.label(get_language() or "zh-hans"),
        "handler": handler,
        "source": item.source,
    }
    return Plan(item, party, department, company, tier, f"{note} {fallback}".strip())


def deadlines(
    node: Jurisdiction, start: dt.date, profile: PolicyProfile | None = None
) -> ComplaintDeadlines:
    profile = _profile(node, profile)
    return rules.complaint_deadlines(
        start,
        acknowledge_days=profile.int_value("complaint_acknowledge_working_days"),
        resolve_days=profile.int_value("complaint_resolve_working_days"),
        schedule=holiday_schedule(),
    )


def next_tier_node(complaint_node: Jurisdiction, tier_node: Jurisdiction) -> Jurisdiction | None:
    """The tier above ``tier_node`` on the complaint's chain (None at the top)."""
    level = rules.next_tier(tiers_of(complaint_node), tier_node.level)
    while level is not None:
        found = ancestor_at(complaint_node, level)
        if found is not None:
            return found
        level = rules.next_tier(tiers_of(complaint_node), level)
    return None
