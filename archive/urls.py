from django.urls import path

from common import converters

from . import views

converters.register()

app_name = "archive"

urlpatterns = [
    path("overenskommelser/<id:pk>/arkivpaket.zip", views.archive_package, name="package"),
    path("overenskommelser/<id:pk>/revision.zip", views.auditors_dossier, name="dossier"),
]
