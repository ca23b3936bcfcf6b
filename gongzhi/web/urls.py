from django.urls import path

from gongzhi.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("menu/", views.menu, name="menu"),
]
