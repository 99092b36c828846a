from django.urls import path

from common import converters

from . import views

converters.register()

app_name = "followups"

urlpatterns = [
    path("overenskommelser/<id:pk>/", views.agreement_followup, name="agreement_followup"),
    path("overenskommelser/<id:pk>/moten/nytt/", views.meeting_create, name="meeting_create"),
    path("overenskommelser/<id:pk>/matt/", views.indicators_edit, name="indicators_edit"),
    path("overenskommelser/<id:pk>/omgangar/ny/", views.round_create, name="round_create"),
    path("moten/<id:pk>/", views.meeting_detail, name="meeting_detail"),
    path("moten/<id:pk>/redigera/", views.meeting_update, name="meeting_update"),
    path("moten/<id:pk>/inbjudan.ics", views.meeting_ics, name="meeting_ics"),
    path("moten/<id:pk>/skicka-inbjudan/", views.meeting_invite, name="meeting_invite"),
    path("omgangar/<id:pk>/", views.round_detail, name="round_detail"),
    path("omgangar/<id:pk>/rapport/", views.round_report, name="round_report"),
    path("omgangar/<id:pk>/status/", views.round_status, name="round_status"),
    path("omgangar/<id:pk>/bedomning/", views.round_assessment, name="round_assessment"),
    path(
        "omgangar/<id:pk>/oppna-igen/<id:organisation_pk>/",
        views.round_reopen,
        name="round_reopen",
    ),
    path("kalender/", views.calendar_settings, name="calendar_settings"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
