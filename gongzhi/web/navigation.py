"""Role-aware navigation: each item is shown to the roles its URL's access rule admits."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, replace

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
    # an owner's homes are on their home page: sidebar and "more" only
    NavItem("registry:my_homes", _("My homes"), "▣", secondary=True, personal=(Role.OWNER,)),
    NavItem("registry:my_committee", _("My committee"), "◇", personal=(Role.COMMITTEE_MEMBER,)),
    NavItem(
        "registry:my_committee", _("My committee"), "◇", secondary=True, personal=(Role.OWNER,)
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
    "gongzhi.dashboards.nav",
    "gongzhi.decisions.nav",
    "gongzhi.complaints.nav",
    "gongzhi.mediation.nav",
    "gongzhi.oversight.nav",
    "gongzhi.assembly.nav",
    "gongzhi.oldprojects.nav",
    "gongzhi.assessments.nav",
    "gongzhi.credit.nav",
    "gongzhi.funds.nav",
    "gongzhi.fees.nav",
    "gongzhi.disclosure.nav",
    "gongzhi.notices.nav",
    "gongzhi.lifecycle.nav",
    "gongzhi.open311.nav",
    "gongzhi.holidays.nav",
    "gongzhi.repairs.nav",
    "gongzhi.surveys.nav",
    "gongzhi.privacy.nav",
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
    phone: bool = False  # one of the phone's bottom-bar tabs
    more: bool = False  # the phone's "more" tab (the desktop sidebar lists everything)
    url_name: str = ""
    phone_order: int = 0  # position on the bar (CSS order), the menu keeps its own


# The phone's bottom bar: at most PHONE_TABS tabs, then "more" (web:menu) with the rest,
# so a 360 px screen shows every tab whole. Pages named here come first, in this order,
# when the user has them; the bar fills up with the user's other primary pages in menu
# order. Owners: home, repairs, fees, votes — as owners of Chinese property apps expect;
# company staff: home, the repair queue they work on a phone, fees.
PHONE_TABS = 4
PHONE_FIRST = ("web:home", "repairs:mine", "repairs:list", "fees:home", "decisions:my_votes")


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
                url_name=item.url_name,
            )
        )
    return _with_phone_bar(links, current_view)


def _with_phone_bar(links: list[NavLink], current_view: str | None) -> list[NavLink]:
    """Mark the phone's tabs and add "more" when some pages do not fit on the bar."""
    rank = {name: i for i, name in enumerate(PHONE_FIRST)}
    primary = [link for link in links if not link.secondary]
    ordered = sorted(primary, key=lambda link: rank.get(link.url_name, len(rank)))
    tabs = {link.url_name: i for i, link in enumerate(ordered[:PHONE_TABS])}
    out = [
        replace(link, phone=link.url_name in tabs, phone_order=tabs.get(link.url_name, 0))
        for link in links
    ]
    if len(links) > len(tabs):
        out.append(
            NavLink(
                url=reverse("web:menu"),
                label=_("More"),
                icon="☰",
                active=current_view == "web:menu",
                phone=True,
                more=True,
                url_name="web:menu",
                phone_order=PHONE_TABS,
            )
        )
    return out
