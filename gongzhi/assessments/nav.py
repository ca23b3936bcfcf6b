"""Navigation entries of this app, merged into the shell's menu (web.navigation)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongzhi.accounts.models import Role
from gongzhi.core.nav import NavItem

NAV: tuple[NavItem, ...] = (
    # communities fill in the quarterly forms: primary for them, secondary for the rest
    NavItem("assessments:round_list", _("Assessments"), "◆", personal=(Role.COMMUNITY_OFFICER,)),
    NavItem("assessments:round_list", _("Assessments"), "◆", secondary=True, supervision=True),
    NavItem("assessments:results", _("Assessment results"), "◆", secondary=True),
    NavItem(
        "assessments:awards",
        pgettext_lazy("award", "Rankings and awards"),
        "◆",
        secondary=True,
        supervision=True,
    ),
    NavItem(
        "assessments:daily_list",
        pgettext_lazy("daily check", "Daily checks"),
        "◆",
        secondary=True,
        supervision=True,
    ),
    NavItem(
        "assessments:committee_list",
        _("Committee assessments"),
        "◆",
        secondary=True,
        supervision=True,
    ),
)
