from django.urls import path

from . import views

app_name = "publication"

urlpatterns = [
    path("offentlig/schema/overenskommelser.json", views.schema, name="schema"),
    path("offentlig/<slug:slug>/", views.public_list, name="public_list"),
    path("offentlig/<slug:slug>/overenskommelser.csv", views.public_csv, name="public_csv"),
    path("offentlig/<slug:slug>/overenskommelser.json", views.public_json, name="public_json"),
    path("offentlig/<slug:slug>/dcat.rdf", views.public_dcat, name="public_dcat"),
    path("installningar/publicering/", views.settings_edit, name="settings"),
]
