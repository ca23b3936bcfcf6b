"""Navigation entries of this app, merged into the shell's menu (web.navigation)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.nav import NavItem

NAV: tuple[NavItem, ...] = (
    NavItem("complaints:complaint_list", _("Complaints"), "✉", supervision=True),
    NavItem(
        "complaints:my_complaints", _("My complaints"), "✉", secondary=True, personal=(Role.OWNER,)
    ),
    NavItem(
        "complaints:statistics", _("Complaint statistics"), "▤", secondary=True, supervision=True
    ),
)
