"""Navigation entries of this app, merged into the shell's menu (web.navigation)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.nav import NavItem

NAV: tuple[NavItem, ...] = (
    NavItem("open311:key_list", _("Open311 keys"), "⚿", secondary=True, supervision=True),
)
