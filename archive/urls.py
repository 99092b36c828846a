from django.urls import path

from . import views

app_name = "archive"

urlpatterns = [
    path("overenskommelser/<str:pk>/arkivpaket.zip", views.archive_package, name="package"),
    path("overenskommelser/<str:pk>/revision.zip", views.auditors_dossier, name="dossier"),
]
