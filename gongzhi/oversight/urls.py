from django.urls import path

from gongzhi.oversight import views

app_name = "oversight"
urlpatterns = [
    path("", views.meeting_list_view, name="meeting_list"),
    path("meetings/new/", views.meeting_create_view, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail_view, name="meeting_detail"),
    path("meetings/<int:pk>/tasks/", views.task_add_view, name="task_add"),
    path("tasks/", views.task_list_view, name="task_list"),
    path("tasks/<int:pk>/<slug:action>/", views.task_action_view, name="task_action"),
    path("talks/", views.talk_list_view, name="talk_list"),
    path("talks/new/", views.talk_create_view, name="talk_create"),
    path("talks/<int:pk>/", views.talk_detail_view, name="talk_detail"),
    path("talks/<int:pk>/<slug:action>/", views.talk_action_view, name="talk_action"),
]
