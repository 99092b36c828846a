from django.urls import path

from . import views

app_name = "attachments"

urlpatterns = [
    path("overenskommelser/<str:pk>/", views.agreement_attachments, name="agreement_attachments"),
    path("overenskommelser/<str:pk>/ladda-upp/", views.upload, name="upload"),
    path("fil/<str:pk>/", views.download, name="download"),
    path("fil/<str:pk>/ta-bort/", views.delete, name="delete"),
]
