"""Role-aware navigation: each item is shown to the roles its URL's access rule admits."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongzhi.core.scoping import Actor
from gongzhi.web.access import ACCESS


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    icon: str
    secondary: bool = False  # also in the user menu: left out of the phone's bottom bar


NAV: tuple[NavItem, ...] = (
    NavItem("web:home", _("Home"), "⌂"),
    NavItem("registry:my_homes", _("My homes"), "▣"),
    NavItem("jurisdictions:tree", _("Jurisdictions"), "☷"),
    NavItem("registry:project_list", _("Projects"), "▦"),
    NavItem("registry:company_list", _("Property companies"), "◈"),
    NavItem("audit:log", _("Audit log"), "☰"),
    NavItem("accounts:user_list", _("Users"), "☺"),
    NavItem("accounts:security", _("Account security"), "◎", secondary=True),
)


@dataclass(frozen=True)
class NavLink:
    url: str
    label: str | Promise
    icon: str
    active: bool
    secondary: bool = False


def navigation_for(actor: Actor, current_view: str | None) -> list[NavLink]:
    links = []
    for item in NAV:
        rule = ACCESS[item.url_name]
        if not rule.allows(actor.roles, actor.is_authenticated):
            continue
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
