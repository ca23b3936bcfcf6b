"""Navigation entries of this app, merged into the shell's menu (web.navigation)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.nav import NavItem

NAV: tuple[NavItem, ...] = (
    NavItem("fees:home", _("Property fees"), "¥"),
    NavItem("fees:arrears", _("Fee arrears"), "¥", secondary=True, supervision=True),
    NavItem("fees:published", _("Published fees"), "¥", secondary=True),
)
