"""A lost authenticator: an administrator resets a person's second factor (audited, the
person told by e-mail and asked to enrol again), and a person removes or replaces their
own device, but only in a session verified with it."""

import time

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccountEvent
from tests.accounts.test_twofactor import code_for, enrol, sign_in


@pytest.fixture(autouse=True)
def mfa_on(settings):
    settings.IOP_REQUIRE_MFA = True


def _verified_admin(client, world):
    """The administrator, enrolled, in a session verified with the app."""
    enrol(client, world.admin)
    return client


def _reset_url(person) -> str:
    return reverse("accounts:person_two_factor_reset", args=[person.pk])


def test_administrator_resets_a_colleagues_lost_authenticator(world, client):
    staff = world.board_staff
    enrol(client, staff)
    client.post(reverse("logout"))
    assert TOTPDevice.objects.filter(user=staff, confirmed=True).exists()

    _verified_admin(client, world)
    people = client.get(reverse("accounts:people", args=[world.municipality.pk]))
    assert "Nollställ tvåstegsverifiering" in people.text
    mail.outbox.clear()
    response = client.post(_reset_url(staff))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=staff).exists()
    assert not StaticDevice.objects.filter(user=staff).exists()

    event = AccountEvent.objects.get(person=staff)
    assert event.action == AccountEvent.Action.TWO_FACTOR_RESET and event.by == world.admin
    page = client.get(reverse("accounts:person_update", args=[staff.pk]))
    assert "Tvåstegsverifiering nollställd" in page.text
    assert world.admin.get_full_name() in page.text
    (message,) = mail.outbox
    assert message.to == [staff.email]
    assert "nollställt tvåstegsverifieringen" in message.body
    assert world.admin.get_full_name() in message.body

    # The person is asked to enrol again (not for a code) at the next sign-in.
    client.post(reverse("logout"))
    sign_in(client, staff)
    response = client.get(reverse("start"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_setup"))


def test_a_signed_in_person_whose_factor_is_reset_must_enrol_on_the_next_page(world, client):
    staff_client = client
    enrol(staff_client, world.board_staff)
    assert staff_client.get(reverse("start")).status_code == 200
    admin_client = Client()
    enrol(admin_client, world.admin)
    assert admin_client.post(_reset_url(world.board_staff)).status_code == 302
    response = staff_client.get(reverse("start"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_setup"))


def test_nobody_outside_the_organisation_can_reset(world, client_for, settings):
    settings.IOP_REQUIRE_MFA = False
    TOTPDevice.objects.create(user=world.board_staff, name="app", confirmed=True)
    for user in (world.outsider_admin, world.partner, world.board_staff, world.other_partner):
        assert client_for(user).post(_reset_url(world.board_staff)).status_code == 404
    assert TOTPDevice.objects.filter(user=world.board_staff).exists()
    assert not AccountEvent.objects.exists()


def test_own_factor_is_not_reset_from_the_people_page(world, client_for, settings):
    settings.IOP_REQUIRE_MFA = False
    TOTPDevice.objects.create(user=world.admin, name="app", confirmed=True)
    assert client_for(world.admin).post(_reset_url(world.admin)).status_code == 403
    assert TOTPDevice.objects.filter(user=world.admin).exists()


def test_password_alone_cannot_replace_or_remove_the_authenticator(world, client):
    enrol(client, world.admin)
    old = TOTPDevice.objects.get(user=world.admin, confirmed=True)
    client.post(reverse("logout"))
    sign_in(client, world.admin)  # password only, no code yet

    setup = client.get(reverse("accounts:mfa_setup"))
    assert setup.status_code == 302 and setup["Location"].startswith(reverse("accounts:mfa_verify"))
    assert client.post(reverse("accounts:mfa_setup"), {"code": "123456"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=world.admin, confirmed=False).exists()
    removed = client.post(reverse("accounts:mfa_remove"))
    assert removed.status_code == 302
    assert list(TOTPDevice.objects.filter(user=world.admin)) == [old]
    assert not AccountEvent.objects.exists()


def test_person_replaces_their_authenticator_after_signing_in_with_it(world, client):
    enrol(client, world.admin)
    old = TOTPDevice.objects.get(user=world.admin, confirmed=True)
    page = client.get(reverse("accounts:mfa_setup"))
    assert page.status_code == 200 and "Byt autentiseringsapp" in page.text
    new = TOTPDevice.objects.get(user=world.admin, confirmed=False)
    with time_machine.travel(time.time() + 2 * new.step):
        done = client.post(reverse("accounts:mfa_setup"), {"code": code_for(new)})
    assert done.status_code == 200
    assert list(TOTPDevice.objects.filter(user=world.admin)) == [new]
    new.refresh_from_db()
    assert new.confirmed and new.pk != old.pk


def test_person_removes_their_authenticator_and_is_asked_to_enrol_again(world, client):
    enrol(client, world.admin)
    assert "Ta bort tvåstegsverifiering" in client.get(reverse("accounts:account")).text
    mail.outbox.clear()
    response = client.post(reverse("accounts:mfa_remove"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:mfa_setup")
    assert not TOTPDevice.objects.filter(user=world.admin, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=world.admin).exists()
    event = AccountEvent.objects.get(person=world.admin)
    assert event.action == AccountEvent.Action.TWO_FACTOR_REMOVED and event.by == world.admin
    (message,) = mail.outbox
    assert message.to == [world.admin.email] and "tagits bort" in message.body
    follow = client.get(reverse("start"))
    assert follow.status_code == 302
    assert follow["Location"].startswith(reverse("accounts:mfa_setup"))


def test_partner_removes_their_optional_authenticator(world, client):
    partner = world.partner
    sign_in(client, partner)
    client.get(reverse("accounts:mfa_setup"))
    device = TOTPDevice.objects.get(user=partner, confirmed=False)
    assert client.post(reverse("accounts:mfa_setup"), {"code": code_for(device)}).status_code == 200
    response = client.post(reverse("accounts:mfa_remove"))
    assert response["Location"] == reverse("accounts:account")
    assert not TOTPDevice.objects.filter(user=partner).exists()
    assert client.get(reverse("start")).status_code == 200


def test_role_change_and_deactivation_are_recorded(world, client_for, settings):
    settings.IOP_REQUIRE_MFA = False
    client = client_for(world.admin)
    staff = world.board_staff
    client.post(reverse("accounts:person_update", args=[staff.pk]), {"role": "administrator"})
    client.post(reverse("accounts:person_set_active", args=[staff.pk]), {"aktiv": "0"})
    actions = list(
        AccountEvent.objects.filter(person=staff).order_by("pk").values_list("action", "by")
    )
    assert actions == [
        (AccountEvent.Action.ROLE_CHANGED, world.admin.pk),
        (AccountEvent.Action.DEACTIVATED, world.admin.pk),
    ]
    page = client.get(reverse("accounts:person_update", args=[staff.pk]))
    assert "Nämndsekreterare → Handläggare" in page.text
