from django.urls import URLPattern, URLResolver, path

from gongzhi.surveys import views

app_name = "surveys"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.survey_list_view, name="list"),
    path("export.xlsx", views.survey_export_view, name="export"),
    path("new/", views.survey_new_view, name="new"),
    path("<int:pk>/", views.survey_detail_view, name="detail"),
    path("<int:pk>/results.xlsx", views.results_export_view, name="results_export"),
    path("<int:pk>/answer/", views.survey_answer_view, name="answer"),
    path("<int:pk>/<slug:action>/", views.survey_action_view, name="action"),
]
