from common.urls import path, under

from . import economic_report_views, sie_views, views

app_name = "finance"

urlpatterns = [
    *under(
        "overenskommelser/<id:pk>/",
        ("", views.economy, "economy"),
        ("export.csv", views.economy_export, "economy_export"),
        ("andringar/", views.amendments, "amendments"),
        ("andringar/ny/", views.amendment_edit, "amendment_create"),
        ("andringar/<id:amendment_pk>/", views.amendment_edit, "amendment_update"),
        ("andringar/<id:amendment_pk>/ta-bort/", views.amendment_delete, "amendment_delete"),
        ("ersattning/ny/", views.compensation_edit, "compensation_create"),
        ("ersattning/<id:compensation_pk>/", views.compensation_edit, "compensation_update"),
        ("budget/<id:party_pk>/<int:year>/", views.budget_edit, "budget_edit"),
        ("aterbetalning/ny/", views.claim_edit, "claim_create"),
        ("aterbetalning/<id:claim_pk>/", views.claim_edit, "claim_update"),
        ("insats/ny/", views.in_kind_edit, "in_kind_create"),
        ("insats/<id:in_kind_pk>/", views.in_kind_edit, "in_kind_update"),
        ("tak/ny/", views.cap_edit, "cap_create"),
        ("tak/<id:cap_pk>/", views.cap_edit, "cap_update"),
        (
            "redovisning/<id:party_pk>/<int:year>/",
            economic_report_views.economic_report,
            "economic_report",
        ),
    ),
    *under(
        "ersattning/<id:compensation_pk>/",
        ("beslutat/<int:year>/", views.decided_amount_edit, "decided_amount_edit"),
        ("delbetalningar/<int:year>/", views.given_instalments_edit, "given_instalments_edit"),
        ("utbetalning/", views.payment_create, "payment_create"),
        ("avrakning/<int:year>/", views.settlement_create, "settlement_create"),
        ("kontering/", sie_views.compensation_coding, "compensation_coding"),
    ),
    *under(
        "redovisning/<id:report_pk>/",
        ("oppna/", economic_report_views.economic_report_reopen, "economic_report_reopen"),
        ("aterbetalning/", economic_report_views.economic_report_claim, "economic_report_claim"),
    ),
    path("oversikt/", views.overview, name="overview"),
    path("oversikt/export.csv", views.overview_export, name="overview_export"),
    *under(
        "index/",
        ("", views.index_values, "index_values"),
        ("ny/", views.index_value_edit, "index_value_create"),
        ("serie/ny/", views.index_series_create, "index_series_create"),
        ("import/", views.index_import, "index_import"),
        ("<id:value_pk>/", views.index_value_edit, "index_value_update"),
    ),
    *under(
        "sie/",
        ("", sie_views.sie_exports, "sie_exports"),
        ("<id:batch_pk>/fil/", sie_views.sie_export_download, "sie_export_download"),
        ("kontering/", sie_views.accounting_defaults, "accounting_defaults"),
    ),
]
