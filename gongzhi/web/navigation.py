"""Role-aware navigation: each item is shown to the roles its URL's access rule admits."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.nav import NavItem
from gongzhi.core.scoping import Actor
from gongzhi.web.access import ACCESS

SUPERVISION_ROLES = (
    Role.BUREAU,
    Role.STREET_OFFICER,
    Role.COMMUNITY_OFFICER,
    Role.COMPANY_STAFF,
    Role.COMMITTEE_MEMBER,
)


SHELL_NAV: tuple[NavItem, ...] = (
    NavItem("web:home", _("Home"), "⌂"),
    NavItem("registry:my_homes", _("My homes"), "▣", personal=(Role.OWNER,)),
    NavItem(
        "registry:my_committee",
        _("My committee"),
        "◇",
        personal=(Role.OWNER, Role.COMMITTEE_MEMBER),
    ),
    NavItem("registry:my_company", _("My company"), "◈", personal=(Role.COMPANY_STAFF,)),
    NavItem("registry:project_list", _("Projects"), "▦"),
    NavItem("registry:company_list", _("Property companies"), "◈", supervision=True),
    NavItem("registry:committee_list", _("Committees"), "◇", supervision=True),
    NavItem("contracts:contract_list", _("Contracts"), "▤", supervision=True),
    NavItem("jurisdictions:tree", _("Jurisdictions"), "☷", secondary=True),
    NavItem("registry:owner_list", _("Owners"), "☺", secondary=True),
    NavItem("registry:company_pending", _("Pending filings"), "◔", secondary=True),
    NavItem("registry:street_reports", _("Company reports"), "◑", secondary=True),
    NavItem("contracts:overdue", _("Overdue contract filings"), "◕", secondary=True),
    NavItem("audit:log", _("Audit log"), "☰", secondary=True),
    NavItem("accounts:user_list", _("Users"), "☺", secondary=True),
    NavItem("accounts:security", _("Account security"), "◎", secondary=True),
)

# Each domain app lists its entries in ``<app>/nav.py``; they follow the shell's own, and
# every secondary (sidebar-only) entry comes after every primary one.
DOMAIN_NAV_MODULES = (
    "gongzhi.decisions.nav",
    "gongzhi.complaints.nav",
    "gongzhi.mediation.nav",
    "gongzhi.assessments.nav",
    "gongzhi.credit.nav",
    "gongzhi.funds.nav",
    "gongzhi.fees.nav",
    "gongzhi.open311.nav",
    "gongzhi.holidays.nav",
    "gongzhi.repairs.nav",
    "gongzhi.surveys.nav",
)


def _collect() -> tuple[NavItem, ...]:
    items = list(SHELL_NAV)
    for module_name in DOMAIN_NAV_MODULES:
        items.extend(importlib.import_module(module_name).NAV)
    return tuple(sorted(items, key=lambda item: item.secondary))


NAV: tuple[NavItem, ...] = _collect()


@dataclass(frozen=True)
class NavLink:
    url: str
    label: str | Promise
    icon: str
    active: bool
    secondary: bool = False


def navigation_for(actor: Actor, current_view: str | None) -> list[NavLink]:
    """The menu of ``actor``: each page once, at its first admitted entry — so an app can
    list a page as primary for the roles that live in it (``personal``) and as secondary
    for everyone else."""
    links = []
    seen: set[str] = set()
    for item in NAV:
        if item.url_name in seen:
            continue
        rule = ACCESS[item.url_name]
        if not rule.allows(actor.roles, actor.is_authenticated):
            continue
        if item.supervision and not actor.has_role(*SUPERVISION_ROLES):
            continue
        if item.personal and not actor.roles.intersection(item.personal):
            continue
        seen.add(item.url_name)
        links.append(
            NavLink(
                url=reverse(item.url_name),
                label=item.label,
                icon=item.icon,
                active=current_view == item.url_name,
                secondary=item.secondary,
            )
        )
    return links
