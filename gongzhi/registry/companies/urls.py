from django.urls import path

from gongzhi.registry.companies import views

urlpatterns = [
    path("companies/", views.company_list_view, name="company_list"),
    path("companies/<int:pk>/", views.company_detail_view, name="company_detail"),
]
