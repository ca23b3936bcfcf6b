"""Who may open the housing pages. Writes are for officials (bureau, street, community);
property companies and committee members read (decided: companies never edit the
register of projects); owners read their own homes. Row scoping applies on top."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import REGISTRY_READERS, SUPERVISORS, Rule, roles

WRITERS = Rule(roles=SUPERVISORS)

ACCESS: dict[str, Rule] = {
    "registry:project_list": Rule(roles=REGISTRY_READERS),
    "registry:project_export": Rule(roles=REGISTRY_READERS),
    "registry:project_detail": Rule(roles=REGISTRY_READERS | {Role.OWNER}),
    "registry:project_parts_export": Rule(roles=REGISTRY_READERS),
    "registry:project_owners": Rule(roles=SUPERVISORS | {Role.COMPANY_STAFF}),
    "registry:project_owners_export": Rule(roles=SUPERVISORS | {Role.COMPANY_STAFF}),
    "registry:project_create": WRITERS,
    "registry:project_edit": WRITERS,
    "registry:building_create": WRITERS,
    "registry:building_edit": WRITERS,
    "registry:unit_create": WRITERS,
    "registry:unit_edit": WRITERS,
    "registry:part_create": WRITERS,
    "registry:part_detail": Rule(roles=REGISTRY_READERS | {Role.OWNER}),
    "registry:part_edit": WRITERS,
    "registry:part_ownerships": WRITERS,
    "registry:occupant_create": WRITERS,
    "registry:occupant_edit": WRITERS,
    "registry:owner_list": WRITERS,
    "registry:owner_detail": Rule(roles=SUPERVISORS | {Role.COMPANY_STAFF, Role.OWNER}),
    "registry:owner_edit": WRITERS,
    "registry:owner_reveal": Rule(roles=SUPERVISORS | {Role.COMPANY_STAFF, Role.OWNER}),
    "registry:my_homes": roles(Role.OWNER),
}
