"""/api/v1: one NinjaAPI; each domain app contributes a router."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongzhi.api import errors
from gongzhi.api.auth import AUTH
from gongzhi.api.openapi import DocumentedErrorsAPI

api = DocumentedErrorsAPI(
    title="Gongzhi API",
    version="1",
    description=str(_("Residential property management supervision and services.")),
    urls_namespace="api",
    auth=AUTH,
    docs_url="/docs",
)
errors.install(api)

from gongzhi.accounts.api import router as accounts_router  # noqa: E402
from gongzhi.assembly.api import router as assembly_router  # noqa: E402
from gongzhi.assessments.api import router as assessments_router  # noqa: E402
from gongzhi.assessments.daily_api import awards_router  # noqa: E402
from gongzhi.assessments.daily_api import router as daily_checks_router  # noqa: E402
from gongzhi.complaints.api import router as complaints_router  # noqa: E402
from gongzhi.contracts.api import router as contracts_router  # noqa: E402
from gongzhi.credit.api import router as credit_router  # noqa: E402
from gongzhi.dashboards.api import router as dashboards_router  # noqa: E402
from gongzhi.decisions.api import router as decisions_router  # noqa: E402
from gongzhi.disclosure.api import router as disclosure_router  # noqa: E402
from gongzhi.fees.api import router as fees_router  # noqa: E402
from gongzhi.funds.api import router as funds_router  # noqa: E402
from gongzhi.jurisdictions.api import router as jurisdictions_router  # noqa: E402
from gongzhi.lifecycle.api import router as lifecycle_router  # noqa: E402
from gongzhi.mediation.api import router as mediation_router  # noqa: E402
from gongzhi.notices.api import router as notices_router  # noqa: E402
from gongzhi.oldprojects.api import router as oldprojects_router  # noqa: E402
from gongzhi.oversight.api import router as oversight_router  # noqa: E402
from gongzhi.privacy.api import router as privacy_router  # noqa: E402
from gongzhi.registry.api import router as registry_router  # noqa: E402
from gongzhi.repairs.api import router as repairs_router  # noqa: E402
from gongzhi.surveys.api import router as surveys_router  # noqa: E402

api.add_router("/accounts", accounts_router)
api.add_router("/jurisdictions", jurisdictions_router)
api.add_router("/registry", registry_router)
api.add_router("/contracts", contracts_router)
api.add_router("/decisions", decisions_router)
api.add_router("/complaints", complaints_router)
api.add_router("/mediation", mediation_router)
api.add_router("/oversight", oversight_router)
api.add_router("/assembly", assembly_router)
api.add_router("/assessments/daily", daily_checks_router)  # before /assessments/{id}
api.add_router("/assessments/awards", awards_router)
api.add_router("/assessments", assessments_router)
api.add_router("/credit", credit_router)
api.add_router("/funds", funds_router)
api.add_router("/fees", fees_router)
api.add_router("/repairs", repairs_router)
api.add_router("/surveys", surveys_router)
api.add_router("/disclosure", disclosure_router)
api.add_router("/notices", notices_router)
api.add_router("/dashboards", dashboards_router)
api.add_router("/lifecycle", lifecycle_router)
api.add_router("/privacy", privacy_router)
api.add_router("/oldprojects", oldprojects_router)
