from django.urls import path

from . import economic_report_views, views

app_name = "finance"

urlpatterns = [
    path("overenskommelser/<str:pk>/", views.economy, name="economy"),
    path("overenskommelser/<str:pk>/export.csv", views.economy_export, name="economy_export"),
    path(
        "overenskommelser/<str:pk>/ersattning/ny/",
        views.compensation_edit,
        name="compensation_create",
    ),
    path(
        "overenskommelser/<str:pk>/ersattning/<str:compensation_pk>/",
        views.compensation_edit,
        name="compensation_update",
    ),
    path(
        "overenskommelser/<str:pk>/budget/<str:party_pk>/<int:year>/",
        views.budget_edit,
        name="budget_edit",
    ),
    path("overenskommelser/<str:pk>/aterbetalning/ny/", views.claim_edit, name="claim_create"),
    path(
        "overenskommelser/<str:pk>/aterbetalning/<str:claim_pk>/",
        views.claim_edit,
        name="claim_update",
    ),
    path(
        "ersattning/<str:compensation_pk>/beslutat/<int:year>/",
        views.decided_amount_edit,
        name="decided_amount_edit",
    ),
    path(
        "ersattning/<str:compensation_pk>/utbetalning/", views.payment_create, name="payment_create"
    ),
    path(
        "ersattning/<str:compensation_pk>/avrakning/<int:year>/",
        views.settlement_create,
        name="settlement_create",
    ),
    path(
        "overenskommelser/<str:pk>/redovisning/<str:party_pk>/<int:year>/",
        economic_report_views.economic_report,
        name="economic_report",
    ),
    path(
        "redovisning/<str:report_pk>/oppna/",
        economic_report_views.economic_report_reopen,
        name="economic_report_reopen",
    ),
    path(
        "redovisning/<str:report_pk>/aterbetalning/",
        economic_report_views.economic_report_claim,
        name="economic_report_claim",
    ),
    path("oversikt/", views.overview, name="overview"),
    path("oversikt/export.csv", views.overview_export, name="overview_export"),
    path("index/", views.index_values, name="index_values"),
    path("index/ny/", views.index_value_edit, name="index_value_create"),
    path("index/serie/ny/", views.index_series_create, name="index_series_create"),
    path("index/import/", views.index_import, name="index_import"),
    path("index/<int:value_pk>/", views.index_value_edit, name="index_value_update"),
]
