from common.urls import path, under

from .views import agreement, annual, memos, verification

app_name = "documents"

urlpatterns = [
    *under(
        "overenskommelser/<id:pk>/",
        ("", agreement.agreement_documents, "agreement_documents"),
        ("overenskommelse.pdf", agreement.agreement_preview, "agreement_preview"),
        ("overenskommelse/utfarda/", agreement.agreement_issue, "agreement_issue"),
    ),
    *under(
        "overenskommelser/<id:pk>/tjansteskrivelse/<str:kind>/",
        ("skapa/", memos.memo_create, "memo_create"),
        ("", memos.memo_edit, "memo_edit"),
        ("forhandsgranska.pdf", memos.memo_preview, "memo_preview"),
        ("utfarda/", memos.memo_issue, "memo_issue"),
    ),
    *under(
        "overenskommelser/<id:pk>/uppfoljning/<id:round_pk>/",
        ("rapport.pdf", agreement.followup_report_preview, "followup_report_preview"),
        ("utfarda/", agreement.followup_report_issue, "followup_report_issue"),
    ),
    path("namnder/", annual.boards_index, name="boards_index"),
    path(
        "namnder/<id:board_pk>/arsrapporter/",
        annual.board_annual_reports,
        name="board_annual_reports",
    ),
    *under(
        "arsrapporter/<id:job_pk>/",
        ("", annual.annual_report_job, "annual_report_job"),
        ("forsok-igen/", annual.annual_report_retry, "annual_report_retry"),
    ),
    path("<id:document_pk>/ladda-ner/", agreement.issued_document_download, name="download"),
    path("verifiera/", verification.verify, name="verify"),
]
