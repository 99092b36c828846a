from common.urls import under

from . import views

app_name = "attachments"

urlpatterns = [
    *under(
        "overenskommelser/<id:pk>/",
        ("", views.agreement_attachments, "agreement_attachments"),
        ("ladda-upp/", views.upload, "upload"),
    ),
    *under("fil/<id:pk>/", ("", views.download, "download"), ("ta-bort/", views.delete, "delete")),
]
