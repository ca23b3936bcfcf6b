from django.urls import URLPattern, URLResolver, path

from gongzhi.holidays import views

app_name = "holidays"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.year_list_view, name="year_list"),
    path("new/", views.year_edit_view, name="year_new"),
    path("<int:year>/", views.year_edit_view, name="year_edit"),
    path("<int:year>/delete/", views.year_delete_view, name="year_delete"),
]
