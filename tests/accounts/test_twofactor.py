"""Two-factor authentication: required for staff when IOP_REQUIRE_MFA is on, TOTP
enrolment, a code after the password, recovery codes that work once."""

import re
import time

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "test-password-123"


@pytest.fixture(autouse=True)
def mfa_on(settings):
    settings.IOP_REQUIRE_MFA = True


def code_for(device: TOTPDevice, offset_steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset_steps * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def enrol(client, user) -> list[str]:
    sign_in(client, user)
    response = client.get(reverse("start"))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:mfa_setup")
    )
    page = client.get(response["Location"])
    assert page.status_code == 200 and 'src="data:image/svg+xml;base64,' in page.text
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(reverse("accounts:mfa_setup"), {"code": "000000"})
    assert wrong.status_code == 400 and "stämmer inte" in wrong.text
    # django-otp throttles after a wrong code (1 s, 2 s, 4 s, ...): wait it out.
    with time_machine.travel(time.time() + 2):
        done = client.post(reverse("accounts:mfa_setup"), {"code": code_for(device)})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.text)
    assert len(codes) == 10
    return codes


def test_administrator_must_enrol_and_then_gets_in(world, client):
    enrol(client, world.admin)
    assert client.get(reverse("start")).status_code == 200
    assert TOTPDevice.objects.get(user=world.admin).confirmed


def test_login_requires_the_code(world, client):
    enrol(client, world.admin)
    client.post(reverse("logout"))
    sign_in(client, world.admin)
    response = client.get(reverse("partnerships:agreement_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_verify"))
    assert client.get(reverse("finance:overview")).status_code == 302
    bad = client.post(reverse("accounts:mfa_verify"), {"code": "123456", "next": "/"})
    assert bad.status_code == 400
    device = TOTPDevice.objects.get(user=world.admin)
    # Two time steps later: past the throttle, and not the code used at enrolment.
    with time_machine.travel(time.time() + 2 * device.step):
        good = client.post(
            reverse("accounts:mfa_verify"),
            {"code": code_for(device), "next": "/overenskommelser/"},
        )
    assert good.status_code == 302 and good["Location"] == "/overenskommelser/"
    assert client.get(reverse("partnerships:agreement_list")).status_code == 200


def test_recovery_code_works_once(world, client):
    codes = enrol(client, world.admin)
    client.post(reverse("logout"))
    sign_in(client, world.admin)
    assert client.post(reverse("accounts:mfa_verify"), {"code": codes[0]}).status_code == 302
    assert client.get(reverse("start")).status_code == 200
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    client.post(reverse("logout"))
    sign_in(client, world.admin)
    again = client.post(reverse("accounts:mfa_verify"), {"code": codes[0]})
    assert again.status_code == 400
    assert client.get(reverse("start")).status_code == 302
    with time_machine.travel(time.time() + 2):  # past django-otp's throttle
        assert client.post(reverse("accounts:mfa_verify"), {"code": codes[1]}).status_code == 302


def test_board_staff_and_partner_administrators_are_asked_partners_are_not(world, client):
    sign_in(client, world.board_staff)
    assert client.get(reverse("start")).status_code == 302
    client.post(reverse("logout"))
    sign_in(client, world.partner)
    assert client.get(reverse("start")).status_code == 200
    client.post(reverse("logout"))
    world.partner.is_organisation_admin = True
    world.partner.save()
    sign_in(client, world.partner)
    assert client.get(reverse("start")).status_code == 302


def test_off_when_the_installation_says_so(world, client, settings):
    settings.IOP_REQUIRE_MFA = False
    sign_in(client, world.admin)
    assert client.get(reverse("start")).status_code == 200


def test_next_may_not_leave_the_site(world, client):
    enrol(client, world.admin)
    client.post(reverse("logout"))
    sign_in(client, world.admin)
    device = TOTPDevice.objects.get(user=world.admin)
    with time_machine.travel(time.time() + 2 * device.step):
        response = client.post(
            reverse("accounts:mfa_verify"),
            {"code": code_for(device), "next": "https://evil.example/"},
        )
    assert response["Location"] == "/"
