from django.urls import URLPattern, URLResolver, path

from gongzhi.fees.views import bills, public, staff

app_name = "fees"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", public.home_view, name="home"),
    path("mine/", public.my_bills_view, name="my_bills"),
    path("published/", public.published_view, name="published"),
    path("overview/", public.overview_view, name="overview"),
    path("standards/", staff.standard_list_view, name="standard_list"),
    path("standards/new/", staff.standard_create_view, name="standard_create"),
    path("standards/<int:pk>/", staff.standard_detail_view, name="standard_detail"),
    path("standards/<int:pk>/publish/", staff.standard_publish_view, name="standard_publish"),
    path("runs/", staff.run_list_view, name="run_list"),
    path("bills/", bills.bill_list_view, name="bill_list"),
    path("bills/<int:pk>/", bills.bill_detail_view, name="bill_detail"),
    path("bills/<int:pk>/pay/", bills.payment_create_view, name="payment_create"),
    path("bills/<int:pk>/cancel/", bills.bill_cancel_view, name="bill_cancel"),
    path("receipts/<int:pk>/", bills.receipt_view, name="receipt"),
    path("arrears/", bills.arrears_view, name="arrears"),
    path("arrears/export.xlsx", bills.arrears_export_view, name="arrears_export"),
    path("statements/", staff.statement_list_view, name="statement_list"),
    path("statements/<int:pk>/", staff.statement_detail_view, name="statement_detail"),
    path("statements/rows/<int:pk>/match/", staff.row_match_view, name="row_match"),
    path("reminders/", staff.reminder_list_view, name="reminder_list"),
    path("publications/", staff.publication_list_view, name="publication_list"),
    path("publications/<int:pk>/", staff.publication_detail_view, name="publication_detail"),
]
