"""Who may open each holidays page at all: everyone signed in reads the national schedule;
the housing bureau (and the platform administrator, whom every rule admits) writes it."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import SIGNED_IN, Rule, roles

ACCESS: dict[str, Rule] = {
    "holidays:year_list": SIGNED_IN,
    "holidays:year_new": roles(Role.BUREAU),
    "holidays:year_edit": roles(Role.BUREAU),
    "holidays:year_delete": roles(Role.BUREAU),
}
