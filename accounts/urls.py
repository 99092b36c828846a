from django.urls import path

from .views import account, invitations, onboarding, people, sso, twofactor

app_name = "accounts"

urlpatterns = [
    path("konto/", account.account, name="account"),
    path("konto/tvastegs/", twofactor.mfa_setup, name="mfa_setup"),
    path("konto/tvastegs/verifiera/", twofactor.mfa_verify, name="mfa_verify"),
    path("konto/tvastegs/reservkoder/", twofactor.mfa_recovery_codes, name="mfa_recovery_codes"),
    path("konto/tvastegs/ta-bort/", twofactor.mfa_remove, name="mfa_remove"),
    path("konto/e-legitimation/", sso.eid_link_start, name="eid_link_start"),
    path("inbjudan/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
    path("personer/", people.people_index, name="people_index"),
    path("personer/<str:org_pk>/", people.people, name="people"),
    path("personer/<str:org_pk>/bjud-in/", people.invite, name="invite"),
    path("personer/<str:org_pk>/namnder/", onboarding.boards, name="boards"),
    path("person/<str:pk>/", people.person_update, name="person_update"),
    path("person/<str:pk>/aktiv/", people.person_set_active, name="person_set_active"),
    path(
        "person/<str:pk>/tvastegs/nollstall/",
        people.person_two_factor_reset,
        name="person_two_factor_reset",
    ),
    path(
        "inbjudningar/<str:pk>/skicka-igen/",
        invitations.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "inbjudningar/<str:pk>/aterkalla/", invitations.invitation_revoke, name="invitation_revoke"
    ),
    path("namnder/<str:pk>/", onboarding.board_update, name="board_update"),
    path("drift/offentliga-organisationer/", onboarding.public_bodies, name="public_bodies"),
]
