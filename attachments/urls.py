from django.urls import path

from common import converters

from . import views

converters.register()

app_name = "attachments"

urlpatterns = [
    path("overenskommelser/<id:pk>/", views.agreement_attachments, name="agreement_attachments"),
    path("overenskommelser/<id:pk>/ladda-upp/", views.upload, name="upload"),
    path("fil/<id:pk>/", views.download, name="download"),
    path("fil/<id:pk>/ta-bort/", views.delete, name="delete"),
]
