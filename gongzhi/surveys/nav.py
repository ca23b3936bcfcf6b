"""Navigation entries of this app, merged into the shell's menu (web.navigation)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.nav import NavItem

NAV: tuple[NavItem, ...] = (
    NavItem("surveys:list", _("Surveys"), "☑", personal=(Role.OWNER,)),
    NavItem("surveys:list", _("Satisfaction surveys"), "☑", secondary=True),
)
