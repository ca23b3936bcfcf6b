from django.urls import path

from gongzhi.registry.housing import views

urlpatterns = [
    path("projects/", views.project_list_view, name="project_list"),
    path("projects/<int:pk>/", views.project_detail_view, name="project_detail"),
    path("owners/<int:pk>/", views.owner_detail_view, name="owner_detail"),
    path("owners/<int:pk>/reveal/<str:field>/", views.owner_reveal_view, name="owner_reveal"),
    path("my-homes/", views.my_homes_view, name="my_homes"),
]
