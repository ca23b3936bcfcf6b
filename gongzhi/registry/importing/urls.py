from django.urls import path

from gongzhi.registry.importing import views

urlpatterns = [
    path("import/template.xlsx", views.template_view, name="import_template"),
    path("projects/<int:pk>/import/", views.import_view, name="project_import"),
    path("projects/<int:pk>/import/confirm/", views.confirm_view, name="project_import_confirm"),
    path("projects/<int:pk>/export.xlsx", views.export_view, name="project_export"),
]
