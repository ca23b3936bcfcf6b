from django.urls import path

from gongzhi.dashboards import views, views_reports

app_name = "dashboards"

urlpatterns = [
    path("", views.home_view, name="home"),
    path("reports/", views_reports.report_list_view, name="reports"),
    path("reports/<int:pk>/", views_reports.report_view, name="report"),
    path("reports/<int:pk>/<slug:kind>/", views_reports.report_file_view, name="report_file"),
    path("<str:code>/", views.place_view, name="place"),
    path("<str:code>/export.xlsx", views.export_view, name="export"),
    path("<str:code>/rows/<slug:drill>/", views.rows_view, name="rows"),
]
