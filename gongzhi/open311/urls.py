"""GeoReport v2 endpoints (``/open311/v2/<resource>.json|xml``) and the key pages."""

from django.urls import URLPattern, URLResolver, path, re_path

from gongzhi.open311 import views, views_keys

FMT = r"\.(?P<fmt>json|xml)$"

app_name = "open311"
urlpatterns: list[URLPattern | URLResolver] = [
    re_path(r"^discovery" + FMT, views.discovery_view, name="discovery"),
    re_path(r"^services" + FMT, views.services_view, name="services"),
    re_path(r"^services/(?P<code>[^/.]+)" + FMT, views.service_definition_view, name="service"),
    re_path(r"^requests" + FMT, views.requests_view, name="requests"),
    re_path(r"^requests/(?P<request_id>[^/.]+)" + FMT, views.request_view, name="request"),
    re_path(r"^tokens/(?P<token>[^/.]+)" + FMT, views.token_view, name="token"),
    path("keys/", views_keys.key_list_view, name="key_list"),
    path("keys/<int:pk>/revoke/", views_keys.key_revoke_view, name="key_revoke"),
]
