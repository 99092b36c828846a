from django.urls import path

from . import sie_views, views

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
    path("oversikt/", views.overview, name="overview"),
    path("oversikt/export.csv", views.overview_export, name="overview_export"),
    path("index/", views.index_values, name="index_values"),
    path("index/ny/", views.index_value_edit, name="index_value_create"),
    path("index/serie/ny/", views.index_series_create, name="index_series_create"),
    path("index/import/", views.index_import, name="index_import"),
    path("index/<int:value_pk>/", views.index_value_edit, name="index_value_update"),
    path("sie/", sie_views.sie_exports, name="sie_exports"),
    path("sie/<str:batch_pk>/fil/", sie_views.sie_export_download, name="sie_export_download"),
    path("sie/kontering/", sie_views.accounting_defaults, name="accounting_defaults"),
    path(
        "ersattning/<str:compensation_pk>/kontering/",
        sie_views.compensation_coding,
        name="compensation_coding",
    ),
]
