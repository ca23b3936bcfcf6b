"""Navigation entries of this app, merged into the shell's menu (web.navigation)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.nav import NavItem

NAV: tuple[NavItem, ...] = (
    NavItem("lifecycle:selection_list", _("Selections"), "⚑", secondary=True, supervision=True),
    NavItem("lifecycle:handover_list", _("Handover inspections"), "⚒", secondary=True),
    NavItem("lifecycle:exit_list", _("Exits"), "⇥", secondary=True, supervision=True),
)
