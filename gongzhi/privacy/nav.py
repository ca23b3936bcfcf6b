from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.nav import NavItem

NAV = (
    NavItem("privacy:mine", _("My personal data"), "⇩", secondary=True, personal=(Role.OWNER,)),
    NavItem("privacy:departed", _("Departed owners"), "⌫", secondary=True),
)
