"""/api/v1/registry: one router per area of the register."""

from ninja import Router

from gongzhi.registry.companies.api import router as companies
from gongzhi.registry.companies.guard_api import router as guard_filings
from gongzhi.registry.governance.api import router as governance
from gongzhi.registry.housing.api import router as housing
from gongzhi.registry.importing.api import router as importing

router = Router()
router.add_router("", companies)
router.add_router("", housing)
router.add_router("", governance)
router.add_router("", importing)
router.add_router("", guard_filings)
