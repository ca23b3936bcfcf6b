from django.urls import URLPattern, URLResolver, path

from gongzhi.disclosure import views

app_name = "disclosure"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home_view, name="home"),
    path("overview/", views.overview_view, name="overview"),
    path("overview/export.xlsx", views.overview_export_view, name="overview_export"),
    path("projects/<int:pk>/", views.board_view, name="board"),
    path("projects/<int:pk>/items/<slug:kind>/", views.item_edit_view, name="item_edit"),
    path(
        "projects/<int:pk>/items/<slug:kind>/history/",
        views.item_history_view,
        name="item_history",
    ),
    path("p/<int:pk>/", views.public_board_view, name="public_board"),
    path("p/<int:pk>/qr.svg", views.public_qr_view, name="public_qr"),
]
