from common.urls import path, under

from . import views

app_name = "followups"

urlpatterns = [
    *under(
        "overenskommelser/<id:pk>/",
        ("", views.agreement_followup, "agreement_followup"),
        ("moten/nytt/", views.meeting_create, "meeting_create"),
        ("matt/", views.indicators_edit, "indicators_edit"),
        ("omgangar/ny/", views.round_create, "round_create"),
    ),
    *under(
        "moten/<id:pk>/",
        ("", views.meeting_detail, "meeting_detail"),
        ("redigera/", views.meeting_update, "meeting_update"),
        ("inbjudan.ics", views.meeting_ics, "meeting_ics"),
        ("skicka-inbjudan/", views.meeting_invite, "meeting_invite"),
    ),
    *under(
        "omgangar/<id:pk>/",
        ("", views.round_detail, "round_detail"),
        ("rapport/", views.round_report, "round_report"),
        ("status/", views.round_status, "round_status"),
        ("bedomning/", views.round_assessment, "round_assessment"),
        ("oppna-igen/<id:organisation_pk>/", views.round_reopen, "round_reopen"),
    ),
    path("kalender/", views.calendar_settings, name="calendar_settings"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
