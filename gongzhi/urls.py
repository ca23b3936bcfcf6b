from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from gongzhi.api.urls import api

urlpatterns = [
    path("", include("gongzhi.web.urls")),
    path("accounts/", include("gongzhi.accounts.urls")),
    path("jurisdictions/", include("gongzhi.jurisdictions.urls")),
    path("registry/", include("gongzhi.registry.urls")),
    path("contracts/", include("gongzhi.contracts.urls")),
    path("decisions/", include("gongzhi.decisions.urls")),
    path("complaints/", include("gongzhi.complaints.urls")),
    path("mediation/", include("gongzhi.mediation.urls")),
    path("oversight/", include("gongzhi.oversight.urls")),
    path("assembly/", include("gongzhi.assembly.urls")),
    path("assessments/", include("gongzhi.assessments.urls")),
    path("credit/", include("gongzhi.credit.urls")),
    path("funds/", include("gongzhi.funds.urls")),
    path("fees/", include("gongzhi.fees.urls")),
    path("disclosure/", include("gongzhi.disclosure.urls")),
    path("notices/", include("gongzhi.notices.urls")),
    path("lifecycle/", include("gongzhi.lifecycle.urls")),
    path("open311/v2/", include("gongzhi.open311.urls")),
    path("holidays/", include("gongzhi.holidays.urls")),
    path("repairs/", include("gongzhi.repairs.urls")),
    path("surveys/", include("gongzhi.surveys.urls")),
    path("privacy/", include("gongzhi.privacy.urls")),
    path("oldprojects/", include("gongzhi.oldprojects.urls")),
    path("dashboards/", include("gongzhi.dashboards.urls")),
    path("audit/", include("gongzhi.audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
