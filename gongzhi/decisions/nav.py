"""Navigation entries of this app, merged into the shell's menu (web.navigation)."""

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.nav import NavItem

NAV: tuple[NavItem, ...] = (
    NavItem("decisions:my_votes", _("My votes"), "◆", secondary=False, personal=(Role.OWNER,)),
    # the committee organises the votes: primary for its members, secondary for the rest
    NavItem(
        "decisions:matter_list", _("Owners' decisions"), "◆", personal=(Role.COMMITTEE_MEMBER,)
    ),
    NavItem("decisions:matter_list", _("Owners' decisions"), "◆", secondary=True),
)
