from django.urls import path

from common import converters

from . import views

converters.register()

app_name = "partnerships"

urlpatterns = [
    path("overenskommelser/", views.agreement_list, name="agreement_list"),
    path("overenskommelser/ny/", views.agreement_create, name="agreement_create"),
    path("overenskommelser/<id:pk>/", views.agreement_detail, name="agreement_detail"),
    path("overenskommelser/<id:pk>/redigera/", views.agreement_update, name="agreement_update"),
    path(
        "overenskommelser/<id:pk>/parter/<id:party_pk>/",
        views.party_update,
        name="party_update",
    ),
    path(
        "overenskommelser/<id:pk>/uppsagning/",
        views.termination_create,
        name="termination_create",
    ),
    path("overenskommelser/<id:pk>/fornyelse/", views.renewal_start, name="renewal_start"),
    path(
        "overenskommelser/<id:pk>/fornyelse/beslut/",
        views.renewal_decide,
        name="renewal_decide",
    ),
    path("organisationer/", views.organisation_list, name="organisation_list"),
    path("organisationer/ny/", views.organisation_edit, name="organisation_create"),
    path("organisationer/<id:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisationer/<id:pk>/redigera/", views.organisation_edit, name="organisation_update"),
]
