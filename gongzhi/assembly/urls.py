from django.urls import path

from gongzhi.assembly import views

app_name = "assembly"
urlpatterns = [
    path("", views.overview_view, name="overview"),
    path("projects/<int:project_id>/group/", views.group_create_view, name="group_create"),
    path("groups/<int:pk>/", views.group_detail_view, name="group_detail"),
    path("groups/<int:pk>/<slug:action>/", views.group_action_view, name="group_action"),
    path("documents/<int:pk>/", views.document_view, name="document"),
    path("committee/", views.committee_work_view, name="committee_work"),
]
