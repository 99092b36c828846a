from django.urls import path

from common import converters

from . import views

converters.register()

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("nytt/", views.initiative_create, name="create"),
    path("stod-av-mindre-betydelse.csv", views.de_minimis_csv, name="de_minimis_csv"),
    path("<id:pk>/", views.initiative_detail, name="detail"),
    path("<id:pk>/status/", views.initiative_status, name="status"),
    path("<id:pk>/komplettering/", views.initiative_completion, name="completion"),
    path("<id:pk>/komplettera/", views.initiative_complete, name="complete"),
    path("<id:pk>/bilagor/", views.attachment_upload, name="attachment_upload"),
    path(
        "<id:pk>/bilagor/<id:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "<id:pk>/bilagor/<id:attachment_pk>/ta-bort/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("<id:pk>/overenskommelse/", views.initiative_agreement, name="agreement"),
    path("<id:pk>/bedomning/", views.assessment_edit, name="assessment"),
    path("<id:pk>/deklarerat-stod/", views.declared_aid_add, name="declared_aid"),
]
