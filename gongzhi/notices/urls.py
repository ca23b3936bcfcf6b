from django.urls import URLPattern, URLResolver, path

from gongzhi.notices import views

app_name = "notices"
urlpatterns: list[URLPattern | URLResolver] = [
    path("inbox/", views.inbox_view, name="inbox"),
    path("inbox/<int:pk>/", views.inbox_detail_view, name="inbox_detail"),
    path("", views.list_view, name="list"),
    path("export.xlsx", views.list_export_view, name="list_export"),
    path("new/", views.create_view, name="create"),
    path("<int:pk>/", views.detail_view, name="detail"),
    path("<int:pk>/recipients.xlsx", views.recipients_export_view, name="recipients_export"),
    path("<int:pk>/print/", views.print_view, name="print"),
    path("<int:pk>/notice.pdf", views.pdf_view, name="pdf"),
]
