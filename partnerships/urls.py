from common.urls import pages, path, under

from . import views

app_name = "partnerships"

urlpatterns = [
    *pages("overenskommelser/", "agreement", views),
    *under(
        "overenskommelser/<id:pk>/",
        ("historik/", views.agreement_history, "agreement_history"),
        ("parter/<id:party_pk>/", views.party_update, "party_update"),
        ("uppsagning/", views.termination_create, "termination_create"),
        ("fornyelse/", views.renewal_start, "renewal_start"),
        ("fornyelse/beslut/", views.renewal_decide, "renewal_decide"),
    ),
    *pages("organisationer/", "organisation", views),
    path(
        "organisationer/<id:pk>/kontakter/",
        views.organisation_contacts,
        name="organisation_contacts",
    ),
]
