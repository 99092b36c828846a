from common.urls import under

from . import views

app_name = "archive"

urlpatterns = under(
    "overenskommelser/<id:pk>/",
    ("arkivpaket.zip", views.archive_package, "package"),
    ("revision.zip", views.auditors_dossier, "dossier"),
)
