"""Navigation entries of this app, merged into the shell's menu (web.navigation)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.nav import NavItem

NAV: tuple[NavItem, ...] = (
    NavItem("oversight:meeting_list", _("Joint meetings"), "🗓", secondary=True, supervision=True),
    NavItem("oversight:talk_list", _("Talks"), "☎", secondary=True, supervision=True),
    NavItem(
        "oversight:task_list",
        _("Meeting tasks"),
        "✔",
        secondary=True,
        personal=(Role.DEPARTMENT_STAFF,),
    ),
    NavItem(
        "oversight:talk_list",
        _("Talks with the supervisor"),
        "☎",
        secondary=True,
        personal=(Role.COMPANY_STAFF,),
    ),
)
