from django.urls import path

from . import views

app_name = "followups"

urlpatterns = [
    path("overenskommelser/<str:pk>/", views.agreement_followup, name="agreement_followup"),
    path("overenskommelser/<str:pk>/moten/nytt/", views.meeting_create, name="meeting_create"),
    path("overenskommelser/<str:pk>/omgangar/ny/", views.round_create, name="round_create"),
    path("moten/<str:pk>/", views.meeting_detail, name="meeting_detail"),
    path("moten/<str:pk>/redigera/", views.meeting_update, name="meeting_update"),
    path("moten/<str:pk>/inbjudan.ics", views.meeting_ics, name="meeting_ics"),
    path("moten/<str:pk>/skicka-inbjudan/", views.meeting_invite, name="meeting_invite"),
    path("omgangar/<str:pk>/", views.round_detail, name="round_detail"),
    path("omgangar/<str:pk>/rapport/", views.round_report, name="round_report"),
    path("omgangar/<str:pk>/status/", views.round_status, name="round_status"),
    path("omgangar/<str:pk>/bedomning/", views.round_assessment, name="round_assessment"),
    path(
        "omgangar/<str:pk>/oppna-igen/<str:organisation_pk>/",
        views.round_reopen,
        name="round_reopen",
    ),
    path("kalender/", views.calendar_settings, name="calendar_settings"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
