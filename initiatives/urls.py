from common.urls import path, under

from . import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("nytt/", views.initiative_create, name="create"),
    path("stod-av-mindre-betydelse.csv", views.de_minimis_csv, name="de_minimis_csv"),
    *under(
        "<id:pk>/",
        ("", views.initiative_detail, "detail"),
        ("status/", views.initiative_status, "status"),
        ("komplettering/", views.initiative_completion, "completion"),
        ("komplettera/", views.initiative_complete, "complete"),
        ("bilagor/", views.attachment_upload, "attachment_upload"),
        ("bilagor/<id:attachment_pk>/", views.attachment_download, "attachment_download"),
        ("bilagor/<id:attachment_pk>/ta-bort/", views.attachment_delete, "attachment_delete"),
        ("overenskommelse/", views.initiative_agreement, "agreement"),
        ("bedomning/", views.assessment_edit, "assessment"),
        ("deklarerat-stod/", views.declared_aid_add, "declared_aid"),
    ),
]
