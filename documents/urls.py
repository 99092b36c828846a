from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("overenskommelser/<str:pk>/", views.agreement_documents, name="agreement_documents"),
    path(
        "overenskommelser/<str:pk>/overenskommelse.pdf",
        views.agreement_preview,
        name="agreement_preview",
    ),
    path(
        "overenskommelser/<str:pk>/overenskommelse/utfarda/",
        views.agreement_issue,
        name="agreement_issue",
    ),
    path(
        "overenskommelser/<str:pk>/tjansteskrivelse/<str:kind>/skapa/",
        views.memo_create,
        name="memo_create",
    ),
    path(
        "overenskommelser/<str:pk>/tjansteskrivelse/<str:kind>/",
        views.memo_edit,
        name="memo_edit",
    ),
    path(
        "overenskommelser/<str:pk>/tjansteskrivelse/<str:kind>/forhandsgranska.pdf",
        views.memo_preview,
        name="memo_preview",
    ),
    path(
        "overenskommelser/<str:pk>/tjansteskrivelse/<str:kind>/utfarda/",
        views.memo_issue,
        name="memo_issue",
    ),
    path(
        "overenskommelser/<str:pk>/uppfoljning/<str:round_pk>/rapport.pdf",
        views.followup_report_preview,
        name="followup_report_preview",
    ),
    path(
        "overenskommelser/<str:pk>/uppfoljning/<str:round_pk>/utfarda/",
        views.followup_report_issue,
        name="followup_report_issue",
    ),
    path("namnder/", views.boards_index, name="boards_index"),
    path(
        "namnder/<str:board_pk>/arsrapporter/",
        views.board_annual_reports,
        name="board_annual_reports",
    ),
    path("arsrapporter/<str:job_pk>/", views.annual_report_job, name="annual_report_job"),
    path(
        "arsrapporter/<str:job_pk>/forsok-igen/",
        views.annual_report_retry,
        name="annual_report_retry",
    ),
    path("<str:document_pk>/ladda-ner/", views.issued_document_download, name="download"),
]
