from django.urls import URLPattern, URLResolver, path

from gongzhi.repairs import views

app_name = "repairs"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.repair_list_view, name="list"),
    path("export.xlsx", views.repair_export_view, name="export"),
    path("times/", views.repair_times_view, name="times"),
    path("new/", views.repair_new_view, name="new"),
    path("mine/", views.my_repairs_view, name="mine"),
    path("<int:pk>/", views.repair_detail_view, name="detail"),
    path("<int:pk>/<slug:action>/", views.repair_action_view, name="action"),
    path("photos/<int:pk>/", views.photo_view, name="photo"),
]
