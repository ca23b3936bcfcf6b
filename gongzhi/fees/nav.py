"""Navigation entries of this app, merged into the shell's menu (web.navigation)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.nav import NavItem

NAV: tuple[NavItem, ...] = (
    # owners pay and companies bill: primary for them, secondary for supervisors
    NavItem("fees:home", _("Property fees"), "¥", personal=(Role.OWNER, Role.COMPANY_STAFF)),
    NavItem("fees:home", _("Property fees"), "¥", secondary=True),
    NavItem("fees:arrears", _("Fee arrears"), "¥", secondary=True, supervision=True),
    NavItem("fees:published", _("Published fees"), "¥", secondary=True),
)
