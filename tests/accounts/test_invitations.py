"""The invitation lifecycle: sent, accepted, expired, revoked, reused, guessed."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation
from accounts.rules import InvitationStatus, invitation_status
from accounts.tokens import hash_token
from partnerships.models import User
from tests.factories import ContactPersonFactory

NEW_PASSWORD = "ett-långt-eget-lösenord-42"


def invite(client, organisation, **fields):
    data = {
        "first_name": "Ny",
        "last_name": "Person",
        "email": "ny@example.org",
        "role": User.Role.BOARD_STAFF,
        **fields,
    }
    return client.post(reverse("accounts:invite", args=[organisation.pk]), data)


def link_from_mail(message) -> str:
    return re.search(r"http://testserver(/inbjudan/[^/\s]+/)", message.body).group(1)


def test_status_rule_without_database():
    now = timezone.now()
    later = now + dt.timedelta(days=1)
    assert invitation_status(now=now, expires_at=later, accepted_at=None, revoked_at=None) == (
        InvitationStatus.PENDING
    )
    assert invitation_status(now=later, expires_at=later, accepted_at=None, revoked_at=None) == (
        InvitationStatus.EXPIRED
    )
    assert invitation_status(now=now, expires_at=later, accepted_at=now, revoked_at=None) == (
        InvitationStatus.ACCEPTED
    )
    assert invitation_status(now=now, expires_at=later, accepted_at=None, revoked_at=now) == (
        InvitationStatus.REVOKED
    )


def test_invite_accept_sign_in(world, client_for, client):
    response = invite(client_for(world.admin), world.municipality)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:people", args=[world.municipality.pk])
    assert [m.message for m in get_messages(response.wsgi_request)] == [
        "En inbjudan är skickad till ny@example.org."
    ]
    invitation = Invitation.objects.get(email="ny@example.org")
    link = link_from_mail(mail.outbox[0])
    token = link.strip("/").split("/")[-1]
    # Only the SHA-256 of the token is stored; the token itself nowhere.
    assert invitation.token_hash == hash_token(token)
    assert token not in str(list(Invitation.objects.values()))
    assert invitation.expires_at - invitation.sent_at == dt.timedelta(days=7)
    client.logout()
    page = client.get(link)
    assert page.status_code == 200 and "Välkommen, Ny" in page.text
    response = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(username="ny@example.org")
    assert user.organisation == world.municipality and user.role == User.Role.BOARD_STAFF
    assert user.check_password(NEW_PASSWORD)
    invitation.refresh_from_db()
    assert invitation.user == user and invitation.status == InvitationStatus.ACCEPTED
    client.logout()
    signed_in = client.post(
        reverse("login"), {"username": "ny@example.org", "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302 and "_auth_user_id" in client.session
    # The used link does nothing, also for a second password.
    client.logout()
    assert client.get(link).status_code == 404
    client.post(link, {"password1": "annat-lösenord-99x", "password2": "annat-lösenord-99x"})
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_weak_password_refused_and_nothing_created(world, client_for, client):
    invite(client_for(world.admin), world.municipality)
    link = link_from_mail(mail.outbox[0])
    client.logout()
    response = client.post(link, {"password1": "12345678", "password2": "12345678"})
    assert response.status_code == 400
    assert "vanligt" in response.text or "numeriskt" in response.text
    assert not User.objects.filter(username="ny@example.org").exists()


def test_expired_link_does_nothing(world, client_for, client):
    invite(client_for(world.admin), world.municipality)
    link = link_from_mail(mail.outbox[0])
    client.logout()
    with time_machine.travel(timezone.now() + dt.timedelta(days=7, minutes=1)):
        assert client.get(link).status_code == 404
        client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert not User.objects.filter(username="ny@example.org").exists()


def test_revoked_link_does_nothing_and_resend_replaces_the_link(world, client_for, client):
    admin_client = client_for(world.admin)
    invite(admin_client, world.municipality)
    first = link_from_mail(mail.outbox[0])
    invitation = Invitation.objects.get()
    admin_client.post(reverse("accounts:invitation_resend", args=[invitation.pk]))
    second = link_from_mail(mail.outbox[1])
    assert first != second
    admin_client.post(reverse("accounts:invitation_revoke", args=[invitation.pk]))
    client.logout()
    for link in (first, second):
        assert client.get(link).status_code == 404
        client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert not User.objects.filter(username="ny@example.org").exists()


def test_resend_makes_old_link_useless(world, client_for, client):
    admin_client = client_for(world.admin)
    invite(admin_client, world.municipality)
    first = link_from_mail(mail.outbox[0])
    admin_client.post(reverse("accounts:invitation_resend", args=[Invitation.objects.get().pk]))
    client.logout()
    assert client.get(first).status_code == 404
    assert client.get(link_from_mail(mail.outbox[1])).status_code == 200


@pytest.mark.parametrize("token", ["x" * 43, "abc", "%00", "a" * 200])
def test_guessed_link_is_404(db, client, token):
    assert client.get(f"/inbjudan/{token}/").status_code == 404


def test_same_person_twice_is_refused(world, client_for):
    admin_client = client_for(world.admin)
    invite(admin_client, world.municipality)
    response = invite(admin_client, world.municipality, email="NY@example.org")
    assert response.status_code == 400
    assert "redan en inbjudan" in response.text
    assert Invitation.objects.count() == 1


def test_existing_account_cannot_be_invited(world, client_for):
    response = invite(client_for(world.admin), world.municipality, email=world.partner.email)
    assert response.status_code == 400
    assert "finns redan ett konto" in response.text


def test_admin_invites_partner_of_own_agreement_from_contact(world, client_for):
    contact = ContactPersonFactory(
        organisation=world.association, name="Karin Kontakt", email="karin@example.org"
    )
    admin_client = client_for(world.admin)
    page = admin_client.get(reverse("accounts:people", args=[world.association.pk]))
    assert "Karin Kontakt" in page.text
    form = admin_client.get(
        reverse("accounts:invite", args=[world.association.pk]) + f"?kontakt={contact.pk}"
    )
    assert 'value="karin@example.org"' in form.text and 'value="Karin"' in form.text
    response = invite(
        admin_client,
        world.association,
        email="karin@example.org",
        role=User.Role.PARTNER,
        is_organisation_admin="on",
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.role == User.Role.PARTNER and invitation.is_organisation_admin


def test_admin_cannot_give_staff_role_in_partner_organisation(world, client_for):
    response = invite(client_for(world.admin), world.association, role=User.Role.ADMINISTRATOR)
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_partner_administrator_invites_colleagues_of_own_organisation_only(world, client_for):
    world.partner.is_organisation_admin = True
    world.partner.save()
    partner_client = client_for(world.partner)
    assert invite(partner_client, world.association, role=User.Role.PARTNER).status_code == 302
    assert invite(partner_client, world.municipality, email="x@example.org").status_code == 404
    assert invite(partner_client, world.other_association, email="y@example.org").status_code == 404
    assert Invitation.objects.get().organisation == world.association


def test_partner_without_admin_flag_gets_404(world, client_for):
    response = client_for(world.partner).get(
        reverse("accounts:people", args=[world.association.pk])
    )
    assert response.status_code == 404


def test_other_municipality_gets_404_everywhere(world, client_for):
    admin_client = client_for(world.admin)
    invite(admin_client, world.municipality)
    invitation = Invitation.objects.get()
    outsider = client_for(world.outsider_admin)
    for url in (
        reverse("accounts:people", args=[world.municipality.pk]),
        reverse("accounts:invite", args=[world.municipality.pk]),
        reverse("accounts:people", args=[world.association.pk]),
        reverse("accounts:person_update", args=[world.board_staff.pk]),
    ):
        assert outsider.get(url).status_code == 404, url
    for url in (
        reverse("accounts:invitation_resend", args=[invitation.pk]),
        reverse("accounts:invitation_revoke", args=[invitation.pk]),
        reverse("accounts:person_set_active", args=[world.board_staff.pk]),
    ):
        assert outsider.post(url).status_code == 404, url
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
