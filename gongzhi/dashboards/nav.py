"""Navigation entries of this app, merged into the shell's menu (web.navigation)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.nav import NavItem

NAV: tuple[NavItem, ...] = (NavItem("dashboards:home", _("Dashboard"), "▦", supervision=True),)
