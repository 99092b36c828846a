from common.urls import path, under

from . import views

app_name = "publication"

urlpatterns = [
    path("offentlig/schema/overenskommelser.json", views.schema, name="schema"),
    *under(
        "offentlig/<slug:slug>/",
        ("", views.public_list, "public_list"),
        ("overenskommelser.csv", views.public_csv, "public_csv"),
        ("overenskommelser.json", views.public_json, "public_json"),
        ("dcat.rdf", views.public_dcat, "public_dcat"),
    ),
    path("installningar/publicering/", views.settings_edit, name="settings"),
]
