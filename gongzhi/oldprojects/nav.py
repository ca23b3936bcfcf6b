"""Navigation entries of this app, merged into the shell's menu (web.navigation)."""

from django.utils.translation import pgettext_lazy

from gongzhi.accounts.models import Role
from gongzhi.core.nav import NavItem

NAV: tuple[NavItem, ...] = (
    NavItem(
        "oldprojects:service_list",
        pgettext_lazy("oldprojects", "Old residential areas"),
        "🏚",
        secondary=True,
        supervision=True,
    ),
    NavItem(
        "oldprojects:subsidy_list",
        pgettext_lazy("oldprojects", "Old-area subsidies"),
        "¥",
        secondary=True,
        personal=(Role.COMPANY_STAFF,),
    ),
    NavItem(
        "oldprojects:reward_list",
        pgettext_lazy("oldprojects reward", "Old-area company rewards"),
        "🏅",
        secondary=True,
        personal=(Role.COMPANY_STAFF,),
    ),
)
