from django.urls import path

from gongzhi.registry import views

app_name = "registry"
urlpatterns = [
    path("projects/", views.project_list_view, name="project_list"),
    path("projects/<int:pk>/", views.project_detail_view, name="project_detail"),
    path("companies/", views.company_list_view, name="company_list"),
    path("companies/<int:pk>/", views.company_detail_view, name="company_detail"),
    path("owners/<int:pk>/", views.owner_detail_view, name="owner_detail"),
    path("owners/<int:pk>/reveal/<str:field>/", views.owner_reveal_view, name="owner_reveal"),
    path("my-homes/", views.my_homes_view, name="my_homes"),
]
