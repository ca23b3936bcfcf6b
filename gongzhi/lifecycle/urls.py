from django.urls import path

from gongzhi.lifecycle import views

app_name = "lifecycle"
urlpatterns = [
    path("selections/", views.selection_list_view, name="selection_list"),
    path("selections/new/", views.selection_create_view, name="selection_create"),
    path("selections/<int:pk>/", views.selection_detail_view, name="selection_detail"),
    path("selections/<int:pk>/<slug:step>/", views.selection_step_view, name="selection_step"),
    path("reselection/", views.reselection_view, name="reselection"),
    path("handovers/", views.handover_list_view, name="handover_list"),
    path("handovers/new/", views.handover_create_view, name="handover_create"),
    path("handovers/<int:pk>/", views.handover_detail_view, name="handover_detail"),
    path("handovers/<int:pk>/agreement/", views.handover_agreement_view, name="handover_agreement"),
    path(
        "handovers/<int:pk>/agreement.pdf",
        views.handover_agreement_view,
        {"as_pdf": True},
        name="handover_agreement_pdf",
    ),
    path("handovers/<int:pk>/<slug:step>/", views.handover_step_view, name="handover_step"),
    path("findings/<int:pk>/photo/", views.finding_photo_view, name="finding_photo"),
    path("findings/<int:pk>/<slug:step>/", views.finding_step_view, name="finding_step"),
    path("exits/", views.exit_list_view, name="exit_list"),
    path("exits/new/", views.exit_create_view, name="exit_create"),
    path("exits/<int:pk>/", views.exit_detail_view, name="exit_detail"),
    path("exits/<int:pk>/notice/", views.exit_notice_doc_view, name="exit_notice"),
    path(
        "exits/<int:pk>/notice.pdf",
        views.exit_notice_doc_view,
        {"as_pdf": True},
        name="exit_notice_pdf",
    ),
    path("exits/<int:pk>/record/", views.exit_record_doc_view, name="exit_record"),
    path(
        "exits/<int:pk>/record.pdf",
        views.exit_record_doc_view,
        {"as_pdf": True},
        name="exit_record_pdf",
    ),
    path("exits/<int:pk>/<slug:step>/", views.exit_step_view, name="exit_step"),
    path("exit-items/<int:pk>/<slug:step>/", views.item_step_view, name="item_step"),
    path("projects/<int:pk>/", views.project_view, name="project"),
]
