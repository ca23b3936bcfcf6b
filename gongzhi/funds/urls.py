from django.urls import URLPattern, URLResolver, path

from gongzhi.funds import views

app_name = "funds"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.overview_view, name="overview"),
    path("mine/", views.mine_view, name="mine"),
    path("reconcile/", views.reconcile_view, name="reconcile"),
    path("projects/<int:pk>/", views.project_view, name="project"),
    path("projects/<int:pk>/do/<slug:action>/", views.project_action_view, name="project_action"),
    path(
        "projects/<int:pk>/applications/new/",
        views.application_create_view,
        name="application_create",
    ),
    path("projects/<int:pk>/revenue/<int:year>/", views.statement_view, name="statement"),
    path(
        "projects/<int:pk>/revenue/<int:year>.xlsx",
        views.statement_export_view,
        name="statement_export",
    ),
    path("applications/<int:pk>/", views.application_view, name="application"),
    path(
        "applications/<int:pk>/<slug:action>/",
        views.application_action_view,
        name="application_action",
    ),
    path("<slug:kind>/<int:pk>/<slug:action>/", views.record_action_view, name="record_action"),
]
