from django.urls import path

from gongzhi.registry.housing import views

urlpatterns = [
    path("projects/", views.project_list_view, name="project_list"),
    path("projects/export.xlsx", views.project_export_view, name="project_export"),
    path("projects/new/", views.project_create_view, name="project_create"),
    path("projects/<int:pk>/", views.project_detail_view, name="project_detail"),
    path("projects/<int:pk>/edit/", views.project_edit_view, name="project_edit"),
    path(
        "projects/<int:pk>/parts.xlsx",
        views.project_parts_export_view,
        name="project_parts_export",
    ),
    path("projects/<int:pk>/owners/", views.project_owners_view, name="project_owners"),
    path(
        "projects/<int:pk>/owners.xlsx",
        views.project_owners_export_view,
        name="project_owners_export",
    ),
    path("projects/<int:pk>/buildings/new/", views.building_create_view, name="building_create"),
    path("projects/<int:pk>/units/new/", views.unit_create_view, name="unit_create"),
    path("projects/<int:pk>/parts/new/", views.part_create_view, name="part_create"),
    path("buildings/<int:pk>/edit/", views.building_edit_view, name="building_edit"),
    path("units/<int:pk>/edit/", views.unit_edit_view, name="unit_edit"),
    path("parts/<int:pk>/", views.part_detail_view, name="part_detail"),
    path("parts/<int:pk>/edit/", views.part_edit_view, name="part_edit"),
    path("parts/<int:pk>/owners/", views.part_ownerships_view, name="part_ownerships"),
    path("parts/<int:pk>/occupants/new/", views.occupant_create_view, name="occupant_create"),
    path("occupants/<int:pk>/edit/", views.occupant_edit_view, name="occupant_edit"),
    path("owners/", views.owner_list_view, name="owner_list"),
    path("owners/<int:pk>/", views.owner_detail_view, name="owner_detail"),
    path("owners/<int:pk>/edit/", views.owner_edit_view, name="owner_edit"),
    path("owners/<int:pk>/reveal/<str:field>/", views.owner_reveal_view, name="owner_reveal"),
    path("my-homes/", views.my_homes_view, name="my_homes"),
]
