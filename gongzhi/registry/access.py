"""Access rules of the register's pages, one module per area (merged here)."""

from gongzhi.core.access import Rule
from gongzhi.registry.companies.access import ACCESS as COMPANIES
from gongzhi.registry.governance.access import ACCESS as GOVERNANCE
from gongzhi.registry.housing.access import ACCESS as HOUSING
from gongzhi.registry.importing.access import ACCESS as IMPORTING

ACCESS: dict[str, Rule] = {**COMPANIES, **HOUSING, **GOVERNANCE, **IMPORTING}
