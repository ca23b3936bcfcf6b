from django.urls import path

from gongzhi.mediation import views

app_name = "mediation"
urlpatterns = [
    path("", views.case_list_view, name="case_list"),
    path("new/", views.case_create_view, name="case_create"),
    path("<int:pk>/", views.case_detail_view, name="case_detail"),
    path("<int:pk>/sessions/", views.session_add_view, name="session_add"),
    path("<int:pk>/documents/", views.document_upload_view, name="document_upload"),
    path("<int:pk>/<slug:action>/", views.case_action_view, name="case_action"),
    path("documents/<int:pk>/download/", views.document_download_view, name="document_download"),
]
