from django.urls import path

from common import converters

from . import economic_report_views, sie_views, views

converters.register()

app_name = "finance"

urlpatterns = [
    path("overenskommelser/<id:pk>/", views.economy, name="economy"),
    path("overenskommelser/<id:pk>/export.csv", views.economy_export, name="economy_export"),
    path("overenskommelser/<id:pk>/andringar/", views.amendments, name="amendments"),
    path("overenskommelser/<id:pk>/andringar/ny/", views.amendment_edit, name="amendment_create"),
    path(
        "overenskommelser/<id:pk>/andringar/<id:amendment_pk>/",
        views.amendment_edit,
        name="amendment_update",
    ),
    path(
        "overenskommelser/<id:pk>/andringar/<id:amendment_pk>/ta-bort/",
        views.amendment_delete,
        name="amendment_delete",
    ),
    path(
        "overenskommelser/<id:pk>/ersattning/ny/",
        views.compensation_edit,
        name="compensation_create",
    ),
    path(
        "overenskommelser/<id:pk>/ersattning/<id:compensation_pk>/",
        views.compensation_edit,
        name="compensation_update",
    ),
    path(
        "overenskommelser/<id:pk>/budget/<id:party_pk>/<int:year>/",
        views.budget_edit,
        name="budget_edit",
    ),
    path("overenskommelser/<id:pk>/aterbetalning/ny/", views.claim_edit, name="claim_create"),
    path(
        "overenskommelser/<id:pk>/aterbetalning/<id:claim_pk>/",
        views.claim_edit,
        name="claim_update",
    ),
    path(
        "ersattning/<id:compensation_pk>/beslutat/<int:year>/",
        views.decided_amount_edit,
        name="decided_amount_edit",
    ),
    path(
        "ersattning/<id:compensation_pk>/delbetalningar/<int:year>/",
        views.given_instalments_edit,
        name="given_instalments_edit",
    ),
    path("overenskommelser/<id:pk>/insats/ny/", views.in_kind_edit, name="in_kind_create"),
    path(
        "overenskommelser/<id:pk>/insats/<id:in_kind_pk>/",
        views.in_kind_edit,
        name="in_kind_update",
    ),
    path("overenskommelser/<id:pk>/tak/ny/", views.cap_edit, name="cap_create"),
    path("overenskommelser/<id:pk>/tak/<id:cap_pk>/", views.cap_edit, name="cap_update"),
    path(
        "ersattning/<id:compensation_pk>/utbetalning/", views.payment_create, name="payment_create"
    ),
    path(
        "ersattning/<id:compensation_pk>/avrakning/<int:year>/",
        views.settlement_create,
        name="settlement_create",
    ),
    path(
        "overenskommelser/<id:pk>/redovisning/<id:party_pk>/<int:year>/",
        economic_report_views.economic_report,
        name="economic_report",
    ),
    path(
        "redovisning/<id:report_pk>/oppna/",
        economic_report_views.economic_report_reopen,
        name="economic_report_reopen",
    ),
    path(
        "redovisning/<id:report_pk>/aterbetalning/",
        economic_report_views.economic_report_claim,
        name="economic_report_claim",
    ),
    path("oversikt/", views.overview, name="overview"),
    path("oversikt/export.csv", views.overview_export, name="overview_export"),
    path("index/", views.index_values, name="index_values"),
    path("index/ny/", views.index_value_edit, name="index_value_create"),
    path("index/serie/ny/", views.index_series_create, name="index_series_create"),
    path("index/import/", views.index_import, name="index_import"),
    path("index/<id:value_pk>/", views.index_value_edit, name="index_value_update"),
    path("sie/", sie_views.sie_exports, name="sie_exports"),
    path("sie/<id:batch_pk>/fil/", sie_views.sie_export_download, name="sie_export_download"),
    path("sie/kontering/", sie_views.accounting_defaults, name="accounting_defaults"),
    path(
        "ersattning/<id:compensation_pk>/kontering/",
        sie_views.compensation_coding,
        name="compensation_coding",
    ),
]
