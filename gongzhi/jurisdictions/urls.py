from django.urls import path

from gongzhi.jurisdictions import views

app_name = "jurisdictions"
urlpatterns = [path("", views.tree_view, name="tree")]
