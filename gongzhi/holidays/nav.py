"""Navigation entries of this app, merged into the shell's menu (web.navigation)."""

from gongzhi.core.nav import NavItem

NAV: tuple[NavItem, ...] = ()
