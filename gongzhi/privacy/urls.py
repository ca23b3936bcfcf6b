from django.urls import path

from gongzhi.privacy import views

app_name = "privacy"
urlpatterns = [
    path("mine/", views.mine_view, name="mine"),
    path("mine/download.zip", views.mine_download_view, name="mine_download"),
    path("departed/", views.departed_view, name="departed"),
    path("owners/<int:pk>/erase/", views.owner_erase_view, name="owner_erase"),
]
