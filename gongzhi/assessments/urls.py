from django.urls import path

from gongzhi.assessments import views
from gongzhi.assessments.views import awards, daily

app_name = "assessments"
urlpatterns = [
    path("", views.round_list_view, name="round_list"),
    path("new/", views.assessment_create_view, name="assessment_create"),
    path("results/", views.results_view, name="results"),
    path("rounds/<int:pk>/", views.round_detail_view, name="round_detail"),
    path("rounds/<int:pk>/export.xlsx", views.round_export_view, name="round_export"),
    path("rounds/<int:pk>/<slug:action>/", views.round_action_view, name="round_action"),
    path("committees/", views.committee_list_view, name="committee_list"),
    path("committees/new/", views.committee_create_view, name="committee_create"),
    path("committees/<int:pk>/", views.committee_detail_view, name="committee_detail"),
    path("committees/<int:pk>/decide/", views.committee_decide_view, name="committee_decide"),
    path("awards/", awards.awards_view, name="awards"),
    path("daily/", daily.daily_list_view, name="daily_list"),
    path("daily/new/", daily.daily_create_view, name="daily_create"),
    path("daily/<int:pk>/", daily.daily_detail_view, name="daily_detail"),
    path("daily/<int:pk>/close/", daily.daily_close_view, name="daily_close"),
    path("daily/photos/<int:pk>/", daily.daily_photo_view, name="daily_photo"),
    path("evidence/<int:pk>/download/", views.evidence_download_view, name="evidence_download"),
    path("<int:pk>/", views.assessment_detail_view, name="assessment_detail"),
    path("<int:pk>/edit/", views.assessment_edit_view, name="assessment_edit"),
    path("<int:pk>/evidence/", views.evidence_upload_view, name="evidence_upload"),
    path("<int:pk>/<slug:action>/", views.assessment_action_view, name="assessment_action"),
]
