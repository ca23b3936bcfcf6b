"""Who may open each personal-data page (the services check the scope on top)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import SIGNED_IN, Rule, roles

ACCESS: dict[str, Rule] = {
    "privacy:mine": SIGNED_IN,
    "privacy:mine_download": SIGNED_IN,
    "privacy:departed": roles(Role.BUREAU),
    "privacy:owner_erase": roles(Role.BUREAU),
}
