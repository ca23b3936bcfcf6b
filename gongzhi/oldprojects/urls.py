from django.urls import path

from gongzhi.oldprojects import views

app_name = "oldprojects"
urlpatterns = [
    path("", views.service_list_view, name="service_list"),
    path("projects/<int:project_id>/service/", views.service_edit_view, name="service_edit"),
    path("subsidies/", views.subsidy_list_view, name="subsidy_list"),
    path("subsidies/new/", views.subsidy_create_view, name="subsidy_create"),
    path("subsidies/<int:pk>/", views.subsidy_detail_view, name="subsidy_detail"),
    path("subsidies/<int:pk>/<slug:action>/", views.subsidy_action_view, name="subsidy_action"),
    path("rewards/", views.reward_list_view, name="reward_list"),
    path("rewards/<int:pk>/<slug:action>/", views.reward_action_view, name="reward_action"),
]
