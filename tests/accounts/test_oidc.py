"""Single sign-on against a real OpenID Connect provider on 127.0.0.1 (tests/idp).

The authorization-code flow runs for real: the test client starts it, a ``requests``
session plays the browser at the provider (its own login form, a form POST), and the
provider's redirect back is handed to the test client, whose callback makes the real
token, JWKS and userinfo calls to the provider."""

import base64
import hashlib
import re
import secrets
import time
from urllib.parse import parse_qs, urlencode, urljoin, urlparse

import pytest
import requests
import time_machine
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialAccount, SocialToken
from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import ElegitimationLink
from accounts.tokens import personal_number_hmac
from tests.idp_fixture import CLIENTS, INGRID_PNR, STRANGER_PNR

pytestmark = pytest.mark.django_db(transaction=False)

EMAIL = "anna.andersson@linkoping.example"


@pytest.fixture
def sso(settings, identity_provider, world):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": identity_provider.apps()}
    }
    settings.IOP_OIDC_STAFF_TENANTS = {"tenant-lkpg": world.municipality.organisation_number}
    settings.IOP_REQUIRE_MFA = True
    world.admin.email = EMAIL
    world.admin.save()
    return identity_provider


def at_provider(url: str, login: str) -> str:
    """Play the browser at the provider until it redirects back to the app."""
    browser = requests.Session()
    for _ in range(12):
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200 and 'name="prompt" value="login"' in response.text:
            action = re.search(r'action="([^"]+)"', response.text).group(1)
            response = browser.post(
                urljoin(url, action),
                data={"prompt": "login", "login": login, "password": "valfritt"},
                allow_redirects=False,
                timeout=10,
            )
        assert response.status_code in (302, 303), response.text[:500]
        url = urljoin(url, response.headers["Location"])
        if url.startswith("http://testserver"):
            return url.removeprefix("http://testserver")
    raise AssertionError("the provider never sent the browser back")


def sign_in_with(client, provider_id: str, login: str, *, start: str | None = None, later=0):
    started = client.post(start or f"/sso/{provider_id}/")
    assert started.status_code == 302 and started["Location"].startswith("http://127.0.0.1")
    back = at_provider(started["Location"], login)
    if later:
        with time_machine.travel(time.time() + later):
            return client.get(back)
    return client.get(back)


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_staff_signs_in_and_counts_as_two_factor(sso, world, client):
    response = sign_in_with(client, "staff", "anna")
    assert response.status_code == 302, response.content[:300]
    assert signed_in_user_id(client) == str(world.admin.pk)
    assert client.get(reverse("partnerships:agreement_list")).status_code == 200
    assert not SocialAccount.objects.exists() and not SocialToken.objects.exists()


def test_unknown_staff_member_is_refused(sso, world, client):
    response = sign_in_with(client, "staff", "okand")
    assert response.status_code == 403 and "inget aktivt konto" in response.text
    assert signed_in_user_id(client) is None


def test_same_address_in_another_tenant_is_refused(sso, world, client):
    response = sign_in_with(client, "staff", "fel-tenant")
    assert response.status_code == 403
    assert signed_in_user_id(client) is None


def test_deactivated_staff_member_is_refused(sso, world, client):
    world.admin.is_active = False
    world.admin.save()
    assert sign_in_with(client, "staff", "anna").status_code == 403
    assert signed_in_user_id(client) is None


def test_expired_id_token_is_refused(sso, world, client):
    # The provider's ID tokens live 120 s; the callback comes 300 s later (allauth's
    # state lives 600 s, so it is the token that is refused).
    response = sign_in_with(client, "staff", "anna", later=300)
    assert response.status_code == 403
    assert signed_in_user_id(client) is None


def _id_token_for(identity_provider, client_config: dict, login: str) -> str:
    """Run the code flow as the given client, without the app, and return its ID token."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    query = urlencode(
        {
            "client_id": client_config["client_id"],
            "response_type": "code",
            "scope": "openid email",
            "redirect_uri": client_config["redirect_uris"][0],
            "state": "s",
            "nonce": "n",
            "code_challenge": challenge.decode().rstrip("="),
            "code_challenge_method": "S256",
        }
    )
    back = at_provider(f"{identity_provider.url}/auth?{query}", login)
    code = parse_qs(urlparse(back).query)["code"][0]
    token = requests.post(
        f"{identity_provider.url}/token",
        timeout=10,
        data={
            "grant_type": "authorization_code",
            "code": code,
            "code_verifier": verifier,
            "redirect_uri": client_config["redirect_uris"][0],
            "client_id": client_config["client_id"],
            "client_secret": client_config["client_secret"],
        },
    )
    token.raise_for_status()
    return token.json()["id_token"]


def _verify_as_staff(token: str):
    request = RequestFactory().get("/")
    provider = get_adapter().get_provider(request, "staff")
    return provider.verify_token(request, {"id_token": token})


def test_id_token_for_another_audience_is_refused(sso):
    own = _id_token_for(sso, CLIENTS[0], "anna")
    assert _verify_as_staff(own).account.uid == "anna"  # the control: accepted
    other = _id_token_for(sso, CLIENTS[2], "anna")  # a real token, issued to iop-other
    with pytest.raises(ValidationError):
        _verify_as_staff(other)


def test_signed_id_token_past_its_expiry_is_refused(sso):
    token = _id_token_for(sso, CLIENTS[0], "anna")
    with time_machine.travel(time.time() + 300), pytest.raises(ValidationError):
        _verify_as_staff(token)


def everything_stored() -> str:
    """Every row of every table, and every session decoded, as text."""
    parts = []
    for model in apps.get_models():
        for row in model._base_manager.values():
            parts.append(repr(row))
    for session in Session.objects.all():
        parts.append(repr(SessionStore().decode(session.session_data)))
    return "\n".join(parts)


def _digits_forms(number: str) -> list[str]:
    digits = number.replace("-", "")
    return [number, digits, digits[2:], f"{digits[2:8]}-{digits[8:]}"]


def test_partner_links_eid_and_signs_in_with_it_no_personal_number_stored(
    sso, world, client_for, client
):
    partner_client = client_for(world.partner)
    response = sign_in_with(
        partner_client, "eid", "ingrid", start=reverse("accounts:eid_link_start")
    )
    assert response.status_code == 302 and response["Location"] == reverse("accounts:account")
    link = ElegitimationLink.objects.get(user=world.partner)
    assert link.subject_hmac == personal_number_hmac(INGRID_PNR, key="test-only-eid-hmac-key")
    partner_client.post(reverse("logout"))
    response = sign_in_with(client, "eid", "ingrid")
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(world.partner.pk)
    stored = everything_stored()
    for form in _digits_forms(INGRID_PNR):
        assert form not in stored, form
    assert not SocialAccount.objects.exists()


def test_unlinked_eid_is_refused(sso, world, client):
    response = sign_in_with(client, "eid", "framling")
    assert response.status_code == 403 and "Ingen partner" in response.text
    assert signed_in_user_id(client) is None
    for form in _digits_forms(STRANGER_PNR):
        assert form not in everything_stored()


def test_eid_linked_to_someone_else_cannot_be_linked_again(sso, world, client_for):
    ElegitimationLink.objects.create(
        user=world.other_partner,
        subject_hmac=personal_number_hmac(INGRID_PNR, key="test-only-eid-hmac-key"),
    )
    response = sign_in_with(
        client_for(world.partner), "eid", "ingrid", start=reverse("accounts:eid_link_start")
    )
    assert response.status_code == 403 and "annat konto" in response.text
    assert not ElegitimationLink.objects.filter(user=world.partner).exists()


def test_eid_does_not_sign_in_staff(sso, world, client):
    ElegitimationLink.objects.create(
        user=world.admin,
        subject_hmac=personal_number_hmac(INGRID_PNR, key="test-only-eid-hmac-key"),
    )
    assert sign_in_with(client, "eid", "ingrid").status_code == 403
    assert signed_in_user_id(client) is None
