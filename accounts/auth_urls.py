"""Password reset and change (Django's own views, Swedish templates) and the OpenID
Connect routes of allauth. Not namespaced: Django's and allauth's views reverse these
names themselves."""

from allauth.socialaccount.providers.openid_connect import views as oidc_views
from django.contrib.auth import views as auth_views
from django.urls import path

from .views import password

urlpatterns = [
    path(
        "losenord/aterstall/",
        auth_views.PasswordResetView.as_view(
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "losenord/aterstall/skickat/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "losenord/aterstall/<uidb64>/<token>/",
        password.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "losenord/aterstall/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("losenord/byt/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "losenord/byt/klart/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("sso/<str:provider_id>/", oidc_views.login, name="openid_connect_login"),
    path("sso/<str:provider_id>/callback/", oidc_views.callback, name="openid_connect_callback"),
]
