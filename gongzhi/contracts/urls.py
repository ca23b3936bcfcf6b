from django.urls import path

from gongzhi.contracts import views

app_name = "contracts"
urlpatterns = [
    path("", views.contract_list_view, name="contract_list"),
    path("export.xlsx", views.contract_export_view, name="contract_export"),
    path("overdue/", views.overdue_view, name="overdue"),
    path("new/", views.contract_create_view, name="contract_create"),
    path("<int:pk>/", views.contract_detail_view, name="contract_detail"),
    path("<int:pk>/edit/", views.contract_edit_view, name="contract_edit"),
    path("<int:pk>/attachments/", views.attachment_upload_view, name="attachment_upload"),
    path("<int:pk>/<slug:action>/", views.contract_action_view, name="contract_action"),
    path(
        "attachments/<int:pk>/download/",
        views.attachment_download_view,
        name="attachment_download",
    ),
]
