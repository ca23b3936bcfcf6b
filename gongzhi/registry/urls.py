"""The register's pages: companies, housing (projects → parts, owners), governance
(owners' organisations and committees) and Excel import/export."""

from gongzhi.registry.companies.urls import urlpatterns as companies
from gongzhi.registry.governance.urls import urlpatterns as governance
from gongzhi.registry.housing.urls import urlpatterns as housing
from gongzhi.registry.importing.urls import urlpatterns as importing

app_name = "registry"
urlpatterns = [*companies, *housing, *governance, *importing]
