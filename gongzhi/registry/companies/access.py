from gongzhi.accounts.models import Role
from gongzhi.core.access import REGISTRY_READERS, SUPERVISORS, Rule

ACCESS: dict[str, Rule] = {
    "registry:company_list": Rule(roles=SUPERVISORS | {Role.COMPANY_STAFF}),
    "registry:company_detail": Rule(roles=REGISTRY_READERS),
}
