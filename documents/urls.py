from django.urls import path

from .views import agreement, annual, memos

app_name = "documents"

urlpatterns = [
    path("overenskommelser/<str:pk>/", agreement.agreement_documents, name="agreement_documents"),
    path(
        "overenskommelser/<str:pk>/overenskommelse.pdf",
        agreement.agreement_preview,
        name="agreement_preview",
    ),
    path(
        "overenskommelser/<str:pk>/overenskommelse/utfarda/",
        agreement.agreement_issue,
        name="agreement_issue",
    ),
    path(
        "overenskommelser/<str:pk>/tjansteskrivelse/<str:kind>/skapa/",
        memos.memo_create,
        name="memo_create",
    ),
    path(
        "overenskommelser/<str:pk>/tjansteskrivelse/<str:kind>/",
        memos.memo_edit,
        name="memo_edit",
    ),
    path(
        "overenskommelser/<str:pk>/tjansteskrivelse/<str:kind>/forhandsgranska.pdf",
        memos.memo_preview,
        name="memo_preview",
    ),
    path(
        "overenskommelser/<str:pk>/tjansteskrivelse/<str:kind>/utfarda/",
        memos.memo_issue,
        name="memo_issue",
    ),
    path(
        "overenskommelser/<str:pk>/uppfoljning/<str:round_pk>/rapport.pdf",
        agreement.followup_report_preview,
        name="followup_report_preview",
    ),
    path(
        "overenskommelser/<str:pk>/uppfoljning/<str:round_pk>/utfarda/",
        agreement.followup_report_issue,
        name="followup_report_issue",
    ),
    path("namnder/", annual.boards_index, name="boards_index"),
    path(
        "namnder/<str:board_pk>/arsrapporter/",
        annual.board_annual_reports,
        name="board_annual_reports",
    ),
    path("arsrapporter/<str:job_pk>/", annual.annual_report_job, name="annual_report_job"),
    path(
        "arsrapporter/<str:job_pk>/forsok-igen/",
        annual.annual_report_retry,
        name="annual_report_retry",
    ),
    path("<str:document_pk>/ladda-ner/", agreement.issued_document_download, name="download"),
]
