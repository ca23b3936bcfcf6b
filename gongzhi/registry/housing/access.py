from gongzhi.accounts.models import Role
from gongzhi.core.access import REGISTRY_READERS, SUPERVISORS, Rule, roles

ACCESS: dict[str, Rule] = {
    "registry:project_list": Rule(roles=REGISTRY_READERS),
    "registry:project_detail": Rule(roles=REGISTRY_READERS | {Role.OWNER}),
    "registry:owner_detail": Rule(roles=SUPERVISORS | {Role.COMPANY_STAFF, Role.OWNER}),
    "registry:owner_reveal": Rule(roles=SUPERVISORS | {Role.COMPANY_STAFF, Role.OWNER}),
    "registry:my_homes": roles(Role.OWNER),
}
