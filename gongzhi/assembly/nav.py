"""Navigation entries of this app, merged into the shell's menu (web.navigation)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.nav import NavItem

NAV: tuple[NavItem, ...] = (
    NavItem("assembly:overview", _("Owners' assembly"), "🏛", secondary=True, supervision=True),
    NavItem(
        "assembly:committee_work",
        _("Committee work"),
        "🏛",
        secondary=True,
        personal=(Role.COMMITTEE_MEMBER,),
    ),
)
