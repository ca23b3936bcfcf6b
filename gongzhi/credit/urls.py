from django.urls import path

from gongzhi.credit import views

app_name = "credit"
urlpatterns = [
    path("", views.company_list_view, name="company_list"),
    path("export.xlsx", views.export_view, name="export"),
    path("recompute/", views.recompute_view, name="recompute"),
    path("public/", views.public_view, name="public"),
    path("companies/<int:pk>/", views.company_detail_view, name="company_detail"),
    path("companies/<int:pk>/records/new/", views.record_create_view, name="record_create"),
    path("records/", views.record_list_view, name="record_list"),
    path("records/<int:pk>/", views.record_detail_view, name="record_detail"),
    path("records/<int:pk>/appeal/", views.appeal_create_view, name="appeal_create"),
    path("records/<int:pk>/<slug:action>/", views.record_action_view, name="record_action"),
    path("files/<int:pk>/", views.file_download_view, name="file_download"),
    path("appeals/", views.appeal_list_view, name="appeal_list"),
    path("appeals/<int:pk>/<slug:action>/", views.appeal_decide_view, name="appeal_decide"),
    path("blacklist/", views.blacklist_view, name="blacklist"),
    path("blacklist/evaluate/", views.blacklist_evaluate_view, name="blacklist_evaluate"),
    path("letters/<int:pk>/", views.letter_view, name="letter"),
    path("letters/<int:pk>/pdf/", views.letter_pdf_view, name="letter_pdf"),
    path("inspections/", views.plan_list_view, name="plan_list"),
    path("inspections/<int:pk>/", views.plan_detail_view, name="plan_detail"),
]
