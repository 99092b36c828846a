from common.urls import path, under

from .views import account, invitations, onboarding, people, sso, twofactor

app_name = "accounts"

urlpatterns = [
    path("konto/", account.account, name="account"),
    *under(
        "konto/tvastegs/",
        ("", twofactor.mfa_setup, "mfa_setup"),
        ("verifiera/", twofactor.mfa_verify, "mfa_verify"),
        ("reservkoder/", twofactor.mfa_recovery_codes, "mfa_recovery_codes"),
        ("ta-bort/", twofactor.mfa_remove, "mfa_remove"),
    ),
    path("konto/e-legitimation/", sso.eid_link_start, name="eid_link_start"),
    path("inbjudan/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
    path("personer/", people.people_index, name="people_index"),
    *under(
        "personer/<id:org_pk>/",
        ("", people.people, "people"),
        ("bjud-in/", people.invite, "invite"),
        ("namnder/", onboarding.boards, "boards"),
    ),
    *under(
        "person/<id:pk>/",
        ("", people.person_update, "person_update"),
        ("aktiv/", people.person_set_active, "person_set_active"),
        ("tvastegs/nollstall/", people.person_two_factor_reset, "person_two_factor_reset"),
    ),
    *under(
        "inbjudningar/<id:pk>/",
        ("skicka-igen/", invitations.invitation_resend, "invitation_resend"),
        ("aterkalla/", invitations.invitation_revoke, "invitation_revoke"),
    ),
    path("namnder/<id:pk>/", onboarding.board_update, name="board_update"),
    path("drift/offentliga-organisationer/", onboarding.public_bodies, name="public_bodies"),
]
