from django.urls import path

from gongzhi.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("<str:code>/", views.place_view, name="place"),
    path("<str:code>/export.xlsx", views.export_view, name="export"),
    path("<str:code>/rows/<slug:drill>/", views.rows_view, name="rows"),
]
