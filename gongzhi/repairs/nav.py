"""Navigation entries of this app, merged into the shell's menu (web.navigation)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongzhi.accounts.models import Role
from gongzhi.core.nav import NavItem

NAV: tuple[NavItem, ...] = (
    NavItem("repairs:mine", pgettext_lazy("owner tab", "Repairs"), "⚒", personal=(Role.OWNER,)),
    # the company works the requests on a phone: primary for its staff
    NavItem("repairs:list", _("Repair requests"), "⚒", personal=(Role.COMPANY_STAFF,)),
    NavItem("repairs:list", _("Repair requests"), "⚒", secondary=True, supervision=True),
    NavItem("repairs:times", _("Repair times"), "⏱", secondary=True, supervision=True),
)
