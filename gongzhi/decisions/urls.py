from django.urls import URLPattern, URLResolver, path

from gongzhi.decisions.views import matters, voting

app_name = "decisions"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", matters.matter_list_view, name="matter_list"),
    path("new/", matters.matter_create_view, name="matter_create"),
    path("mine/", voting.my_votes_view, name="my_votes"),
    path("receipt/", voting.receipt_view, name="receipt"),
    path("<int:pk>/", matters.matter_detail_view, name="matter_detail"),
    path("<int:pk>/progress/", matters.matter_progress_view, name="matter_progress"),
    path("<int:pk>/candidates/", matters.candidate_add_view, name="candidate_add"),
    path("<int:pk>/attachments/", matters.attachment_upload_view, name="attachment_upload"),
    path("<int:pk>/paper/", matters.paper_enter_view, name="paper_enter"),
    path(
        "<int:pk>/paper/<int:paper_pk>/confirm/", matters.paper_confirm_view, name="paper_confirm"
    ),
    path("<int:pk>/proxies/", matters.proxy_record_view, name="proxy_record"),
    path("<int:pk>/vote/", voting.vote_view, name="vote"),
    path("<int:pk>/roll/", voting.roll_view, name="roll"),
    path("<int:pk>/result/", voting.result_view, name="result"),
    path("<int:pk>/ballots.xlsx", voting.export_xlsx_view, name="export_xlsx"),
    path("<int:pk>/ballots.csv", voting.export_csv_view, name="export_csv"),
    path("<int:pk>/tally.json", voting.export_tally_view, name="export_tally"),
    path(
        "attachments/<int:pk>/download/",
        matters.attachment_download_view,
        name="attachment_download",
    ),
    path("<int:pk>/<slug:action>/", matters.matter_action_view, name="matter_action"),
]
