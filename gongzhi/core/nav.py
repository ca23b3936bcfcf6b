"""A navigation entry; the shell's menu (web.navigation) merges each app's ``nav.NAV``."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    icon: str
    secondary: bool = False  # desktop sidebar only: left out of the phone's bottom bar
    # shown only to roles that supervise (not to owners, whose access rule may admit the
    # page for their own rows but who reach it from their home page)
    supervision: bool = False
    # "my …" pages: only for users who hold one of these roles themselves (not for the
    # platform administrator, whom every access rule admits)
    personal: tuple[str, ...] = ()
