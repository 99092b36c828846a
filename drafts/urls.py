from django.urls import path

from . import views

app_name = "drafts"

urlpatterns = [
    path("utkast/spara/", views.autosave, name="autosave"),
    path("utkast/kasta/", views.discard, name="discard"),
    path("session/fortsatt/", views.keepalive, name="keepalive"),
]
