"""Navigation entries of this app, merged into the shell's menu (web.navigation)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.core.nav import NavItem

NAV: tuple[NavItem, ...] = (
    NavItem("assessments:round_list", _("Assessments"), "◆", supervision=True),
    NavItem("assessments:results", _("Assessment results"), "◆", secondary=True),
    NavItem(
        "assessments:committee_list",
        _("Committee assessments"),
        "◆",
        secondary=True,
        supervision=True,
    ),
)
