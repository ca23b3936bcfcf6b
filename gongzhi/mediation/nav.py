"""Navigation entries of this app, merged into the shell's menu (web.navigation)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.nav import NavItem

NAV: tuple[NavItem, ...] = (
    NavItem("mediation:case_list", _("Mediation"), "⚖", secondary=True, supervision=True),
    NavItem(
        "mediation:case_list",
        _("My mediation cases"),
        "⚖",
        secondary=True,
        personal=(Role.OWNER, Role.COMPANY_STAFF, Role.COMMITTEE_MEMBER),
    ),
)
