"""Navigation entries of this app, merged into the shell's menu (web.navigation)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.nav import NavItem

NAV: tuple[NavItem, ...] = (
    NavItem("funds:overview", _("Funds"), "¥", secondary=True, supervision=True),
    NavItem("funds:reconcile", _("Ledger reconciliation"), "≡", secondary=True, supervision=True),
    NavItem("funds:mine", _("My maintenance fund"), "¥", personal=(Role.OWNER,)),
)
