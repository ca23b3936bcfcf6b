"""Import/export pages: officials whose subtree holds the project and the staff of the
project's company (row scoping is checked again by ``services.project_for_writing``)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import SUPERVISORS, Rule

WRITERS = SUPERVISORS | {Role.COMPANY_STAFF}

ACCESS: dict[str, Rule] = {
    "registry:import_template": Rule(roles=WRITERS),
    "registry:project_import": Rule(roles=WRITERS),
    "registry:project_import_confirm": Rule(roles=WRITERS),
    "registry:project_export": Rule(roles=WRITERS),
}
