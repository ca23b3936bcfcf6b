from django.urls import URLPattern, URLResolver, path

from gongzhi.complaints import views, views_responsibilities, views_statistics

app_name = "complaints"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.complaint_list_view, name="complaint_list"),
    path("export.xlsx", views.complaint_export_view, name="complaint_export"),
    path("new/", views.complaint_new_view, name="complaint_new"),
    path("mine/", views.my_complaints_view, name="my_complaints"),
    path("intake/", views.staff_new_view, name="staff_new"),
    path("statistics/", views_statistics.statistics_view, name="statistics"),
    path(
        "statistics/export.xlsx",
        views_statistics.statistics_export_view,
        name="statistics_export",
    ),
    path(
        "responsibilities/", views_responsibilities.responsibilities_view, name="responsibilities"
    ),
    path("<int:pk>/", views.complaint_detail_view, name="complaint_detail"),
    path("<int:pk>/<slug:action>/", views.complaint_action_view, name="complaint_action"),
    path("photos/<int:pk>/", views.photo_view, name="photo"),
]
