from django.urls import path

from gongzhi.registry.companies import guard_views, views

urlpatterns = [
    path("companies/", views.company_list_view, name="company_list"),
    path("companies/export.xlsx", views.company_export_view, name="company_export"),
    path("companies/new/", views.company_create_view, name="company_create"),
    path("companies/pending/", views.company_pending_view, name="company_pending"),
    path("companies/mine/", views.my_company_view, name="my_company"),
    path("companies/lookup/", views.company_public_view, name="company_public"),
    path("companies/<int:pk>/", views.company_detail_view, name="company_detail"),
    path("companies/<int:pk>/edit/", views.company_edit_view, name="company_edit"),
    path(
        "companies/<int:pk>/filing/<str:action>/",
        views.company_filing_view,
        name="company_filing",
    ),
    path(
        "companies/<int:pk>/qualifications/",
        views.qualification_add_view,
        name="company_qualification_add",
    ),
    path(
        "companies/<int:pk>/qualifications/<int:item>/remove/",
        views.qualification_remove_view,
        name="company_qualification_remove",
    ),
    path(
        "companies/<int:pk>/qualifications/<int:item>/document/",
        views.qualification_document_view,
        name="company_qualification_document",
    ),
    path("companies/<int:pk>/staff/", views.staff_add_view, name="company_staff_add"),
    path(
        "companies/<int:pk>/staff/<int:item>/remove/",
        views.staff_remove_view,
        name="company_staff_remove",
    ),
    path(
        "companies/<int:pk>/street-reports/",
        views.street_report_create_view,
        name="company_street_report",
    ),
    path(
        "companies/<int:pk>/guard-filings/",
        guard_views.guard_filing_add_view,
        name="company_guard_filing_add",
    ),
    path(
        "guard-filings/<int:pk>/<slug:action>/",
        guard_views.guard_filing_review_view,
        name="guard_filing_review",
    ),
    path("guard-filings/", guard_views.guard_filing_list_view, name="guard_filings"),
    path("street-reports/", views.street_report_list_view, name="street_reports"),
    path(
        "street-reports/<int:report_id>/acknowledge/",
        views.street_report_acknowledge_view,
        name="street_report_acknowledge",
    ),
]
