"""Single sign-on through OpenID Connect (django-allauth's openid_connect provider).

Two providers, ``staff`` (the municipality's identity provider, e.g. Entra ID) and ``eid``
(an eID broker for BankID and Freja eID). allauth runs the authorization-code flow and
checks the ID token (signature or TLS, issuer, audience, expiry); the adapter here then
decides who the person is and signs them in itself. allauth never creates or connects an
account and never stores the claims: every path ends in ``ImmediateHttpResponse`` before
allauth's own sign-up or connect steps, so no SocialAccount row (with the claims, which for
the broker hold the personal identity number) is written.

- staff: an active user of the public body named by the tenant claim, with the e-mail
  address of the e-mail claim. Nobody gets an account by having one at the provider.
- eid: a partner whose account holds HMAC(IOP_EID_HMAC_KEY, personal number). The link is
  made by the partner, signed in with their password (after accepting an invitation), who
  then proves the e-legitimation once ("Koppla e-legitimation" on their account page).
"""

import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from partnerships.models import Organisation, Sector, User

from .services import elegitimation_link, user_for_elegitimation
from .twofactor import SSO_SESSION_KEY

LINK_SESSION_KEY = "iop_eid_link"
LINK_VALID_SECONDS = 600
BACKEND = "django.contrib.auth.backends.ModelBackend"


class ClosedAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False


def _claims(sociallogin) -> dict:
    data = sociallogin.account.extra_data or {}
    merged = dict(data.get("id_token") or {})
    merged.update(data.get("userinfo") or {})
    return merged


def _refuse(request, text: str):
    response = render(request, "accounts/sso_refused.html", {"reason": text}, status=403)
    raise ImmediateHttpResponse(response)


def _sign_in(request, user: User, provider: str):
    login(request, user, backend=BACKEND)
    request.session[SSO_SESSION_KEY] = provider
    raise ImmediateHttpResponse(redirect(settings.LOGIN_REDIRECT_URL))


def staff_user_for(claims: dict) -> User | None:
    """The invited, active staff member the identity provider vouches for, else None."""
    tenant = str(claims.get(settings.IOP_OIDC_STAFF_TENANT_CLAIM) or "")
    orgnr = settings.IOP_OIDC_STAFF_TENANTS.get(tenant) if tenant else None
    email = (claims.get("email") or "").strip()
    if not orgnr or not email:
        return None
    organisation = Organisation.objects.filter(
        organisation_number=orgnr, sector=Sector.PUBLIC
    ).first()
    if organisation is None:
        return None
    matches = list(
        User.objects.filter(
            organisation=organisation,
            email__iexact=email,
            is_active=True,
            role__in=[User.Role.ADMINISTRATOR, User.Role.BOARD_STAFF],
        )[:2]
    )
    return matches[0] if len(matches) == 1 else None


class MatchingSocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def pre_social_login(self, request, sociallogin) -> None:
        provider = sociallogin.account.provider
        claims = _claims(sociallogin)
        sociallogin.account.extra_data = {}  # nothing of the claims goes further
        if provider == "staff":
            user = staff_user_for(claims)
            if user is None:
                _refuse(
                    request,
                    "Det finns inget aktivt konto för dig i registret. Be en "
                    "handläggare i din organisation att bjuda in dig.",
                )
            _sign_in(request, user, "staff")
        if provider == "eid":
            self._eid(request, claims)
        _refuse(request, "Inloggningssättet är inte känt.")

    def _eid(self, request, claims: dict):
        number = claims.get(settings.IOP_EID_PERSONAL_NUMBER_CLAIM)
        claims.clear()
        if not number:
            _refuse(request, "E-legitimationen skickade inget personnummer.")
        key = settings.IOP_EID_HMAC_KEY
        intent = request.session.pop(LINK_SESSION_KEY, None)
        if intent and request.user.is_authenticated and intent.get("user") == request.user.pk:
            if time.time() - intent.get("at", 0) > LINK_VALID_SECONDS:
                _refuse(request, "Det tog för lång tid. Försök koppla e-legitimationen igen.")
            try:
                elegitimation_link(user=request.user, personal_number=number, key=key)
            except (ValidationError, ValueError) as exc:
                _refuse(request, " ".join(getattr(exc, "messages", [str(exc)])))
            messages.success(request, "Din e-legitimation är kopplad till ditt konto.")
            raise ImmediateHttpResponse(redirect("accounts:account"))
        try:
            user = user_for_elegitimation(personal_number=number, key=key)
        except ValueError:
            user = None
        if user is None:
            _refuse(
                request,
                "Ingen partner i registret har kopplat den här e-legitimationen. "
                "Logga in med lösenord och koppla den under Mitt konto.",
            )
        _sign_in(request, user, "eid")

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ):
        _refuse(request, "Inloggningen misslyckades eller avbröts. Försök igen.")


def providers() -> list[dict]:
    return [
        {"id": app["provider_id"], "name": app["name"]}
        for app in settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"]
    ]
