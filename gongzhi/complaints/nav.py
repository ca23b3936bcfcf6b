"""Navigation entries of this app, merged into the shell's menu (web.navigation)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.nav import NavItem

NAV: tuple[NavItem, ...] = (
    NavItem("complaints:complaint_list", _("Complaints"), "✉", supervision=True),
    # department staff work the matters routed to them
    NavItem("complaints:complaint_list", _("Complaints"), "✉", personal=(Role.DEPARTMENT_STAFF,)),
    NavItem("complaints:my_complaints", _("My complaints"), "✉", personal=(Role.OWNER,)),
    NavItem(
        "complaints:statistics", _("Complaint statistics"), "▤", secondary=True, supervision=True
    ),
)
