from django.urls import path

from gongzhi.registry.governance import views

urlpatterns = [
    path("committees/", views.committee_list_view, name="committee_list"),
    path("committees/export/", views.committee_export_view, name="committee_export"),
    path("committees/<int:pk>/", views.committee_detail_view, name="committee_detail"),
    path("committees/<int:pk>/edit/", views.committee_edit_view, name="committee_edit"),
    path("committees/<int:pk>/file/", views.committee_file_view, name="committee_file"),
    path("committees/<int:pk>/close/", views.committee_close_view, name="committee_close"),
    path("committees/<int:pk>/members/add/", views.member_add_view, name="committee_member_add"),
    path(
        "committee-members/<int:pk>/leave/",
        views.member_leave_view,
        name="committee_member_leave",
    ),
    path(
        "projects/<int:project_pk>/committees/new/",
        views.committee_create_view,
        name="committee_create",
    ),
    path(
        "projects/<int:project_pk>/formation/<str:action>/",
        views.formation_view,
        name="formation_step",
    ),
    path("my-committee/", views.my_committee_view, name="my_committee"),
]
