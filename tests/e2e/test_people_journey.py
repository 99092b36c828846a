"""A public body gets started without the Django admin, in a real browser with axe on
every page: an operator adds a municipality, its first administrator accepts the
invitation, sets up two-factor authentication and invites a colleague; a partner
administrator invites a colleague, who accepts."""

import re
import threading
import time

import pytest
from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnerships.models import User
from tests.e2e.conftest import heading, login, squash

pytestmark = [
    pytest.mark.e2e,
    # serialized_rollback like the other journeys: a plain transactional flush re-creates
    # the content types, and the next serialized test could then not load its data.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
NEW_PASSWORD = "mitt-eget-lösenord-2026"


def _invitation_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/inbjudan/[^/\s]+/)", message.body).group(1)


def _in_thread(function):
    """ORM calls run in a thread of their own: Playwright's event loop is in this one."""
    result = {}

    def run():
        from django.db import connection

        try:
            result["value"] = function()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return result["value"]


def _code(username: str) -> str:
    """What the authenticator app would show for the device being enrolled."""

    def code():
        device = TOTPDevice.objects.get(user__username=username, confirmed=False)
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        return f"{totp.token():0{device.digits}d}"

    return _in_thread(code)


@pytest.fixture
def operator(demo_data):
    user = User.objects.create(username="drift", role=User.Role.OPERATOR)
    user.set_password(NEW_PASSWORD)
    user.save()
    return user


def _accept(page, a11y, path):
    page.goto(path)
    a11y.check()
    page.get_by_label("Välj lösenord").fill("123")
    page.get_by_label("Upprepa lösenordet").fill("123")
    page.get_by_role("button", name="Skapa mitt konto").click()
    a11y.check("form errors")
    page.get_by_label("Välj lösenord").fill(NEW_PASSWORD)
    page.get_by_label("Upprepa lösenordet").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Skapa mitt konto").click()


def test_operator_onboards_a_municipality_whose_admin_gets_going(
    demo_data, operator, settings, browser_page
):
    page, a11y = browser_page
    # Two-factor authentication is switched on for the administrator's part below.
    login(page, "drift", NEW_PASSWORD, a11y=a11y)
    a11y.check()
    page.goto("/drift/offentliga-organisationer/")
    a11y.check()
    page.locator("#id_name").fill("Exempelstads kommun")
    page.get_by_label("Organisationsnummer").fill("212000-0142")
    page.get_by_label("Nämnder").fill("Socialnämnden\nKulturnämnden")
    page.get_by_label("Första handläggarens förnamn").fill("Ada")
    page.get_by_label("Första handläggarens efternamn").fill("Admin")
    page.get_by_label("Första handläggarens e-post").fill("ada@exempelstad.example")
    page.get_by_role("button", name="Lägg till och bjud in").click()
    assert heading(page) == "Personer i Exempelstads kommun"
    a11y.check()
    page.get_by_role("button", name="Logga ut").click()

    settings.IOP_REQUIRE_MFA = True
    _accept(page, a11y, _invitation_path(mail.outbox[-1]))
    assert heading(page) == "Slå på tvåstegsverifiering"
    a11y.check()
    page.get_by_label("Kod").fill(_code("ada@exempelstad.example"))
    page.get_by_role("button", name="Slå på").click()
    assert heading(page) == "Dina reservkoder"
    a11y.check()
    page.get_by_role("link", name="Jag har sparat koderna").click()
    a11y.check()

    page.goto("/personer/")
    a11y.check()
    page.get_by_role("link", name="Exempelstads kommun").click()
    a11y.check()
    page.get_by_role("link", name="Bjud in en person").click()
    a11y.check()
    page.get_by_label("Förnamn").fill("Kalle")
    page.get_by_label("Efternamn").fill("Kollega")
    page.get_by_label("E-post").fill("kalle@exempelstad.example")
    page.get_by_label("Roll").select_option(label="Nämndsekreterare")
    page.get_by_role("button", name="Skicka inbjudan").click()
    assert "kalle@exempelstad.example" in page.locator("main").inner_text()
    a11y.check()
    page.get_by_role("link", name="Nämnder").click()
    a11y.check()
    page.get_by_role("link", name="Kulturnämnden").click()
    a11y.check()
    page.locator("#id_name").fill("Kultur- och fritidsnämnden")
    page.get_by_role("button", name="Spara").click()
    assert "Kultur- och fritidsnämnden" in page.locator("main").inner_text()
    a11y.check()
    page.goto("/konto/")
    a11y.check()
    a11y.assert_clean()


def test_partner_administrator_invites_a_colleague_who_accepts(demo_data, browser_page):
    page, a11y = browser_page
    login(page, "iogt", a11y=a11y)
    a11y.check()
    page.get_by_role("link", name="Personer").first.click()
    a11y.check()
    page.get_by_role("link", name="IOGT-NTO Kamratstödet").click()
    a11y.check()
    page.get_by_role("link", name="Bjud in en person").click()
    page.get_by_role("button", name="Skicka inbjudan").click()
    a11y.check("form errors")
    page.get_by_label("Förnamn").fill("Vera")
    page.get_by_label("Efternamn").fill("Volontär")
    page.get_by_label("E-post").fill("vera@iogt.example")
    page.get_by_role("button", name="Skicka inbjudan").click()
    page.get_by_role("button", name="Logga ut").click()
    _accept(page, a11y, _invitation_path(mail.outbox[-1]))
    assert heading(page) == "Mitt konto"
    a11y.check()
    page.goto("/losenord/aterstall/")
    a11y.check()
    a11y.assert_clean()


def test_administrator_invites_a_partner_contact_who_files_the_follow_up(demo_data, browser_page):
    """The administrator invites a contact person of a partner organisation of their
    agreement; she opens the one-time link from the e-mail, chooses a password, signs in,
    sees only her organisation's agreements and files the follow-up report."""
    page, a11y = browser_page
    login(page, "handlaggare", a11y=a11y)
    page.goto("/personer/")
    a11y.check()
    page.get_by_role("link", name="IOGT-NTO Kamratstödet").click()
    assert heading(page) == "Personer i IOGT-NTO Kamratstödet"
    a11y.check()
    page.get_by_role("link", name="Bjud in Lisa Hallingström").click()
    assert page.get_by_label("E-post").input_value() == "lisa.hallingstrom@example.org"
    assert page.get_by_label("Förnamn").input_value() == "Lisa"
    a11y.check()
    page.get_by_role("button", name="Skicka inbjudan").click()
    main = page.locator("main").inner_text()
    assert "En inbjudan är skickad till lisa.hallingstrom@example.org." in main
    assert "Lisa Hallingström (lisa.hallingstrom@example.org)" not in main  # no longer listed
    a11y.check()
    page.get_by_role("button", name="Logga ut").click()

    (message,) = [m for m in mail.outbox if m.to == ["lisa.hallingstrom@example.org"]]
    link = _invitation_path(message)
    _accept(page, a11y, link)
    assert heading(page) == "Mitt konto"
    a11y.check()
    page.get_by_role("button", name="Logga ut").click()
    page.goto(link)  # the link works once
    assert "Skapa mitt konto" not in page.locator("main").inner_text()
    a11y.check("used link")

    login(page, "lisa.hallingstrom@example.org", NEW_PASSWORD, a11y=a11y)
    assert heading(page) == "Start"
    a11y.check()
    page.get_by_role("link", name="Överenskommelser", exact=True).first.click()
    a11y.check()
    listed = page.locator("main").inner_text()
    assert "IOGT-NTO Kamratstödet" in listed
    assert "Exempelby" not in listed

    page.get_by_role("link", name="Start", exact=True).click()
    item = page.locator(".attention-list li", has_text="Uppföljning 2026")
    item.get_by_role("link", name="Skriv rapporten").click()
    assert page.get_by_role(
        "heading", name="Rapport för 2026 från IOGT-NTO Kamratstödet"
    ).is_visible()
    a11y.check()
    goals = page.locator("textarea[id^=id_goal_]")
    goals.nth(0).fill("Kamratstöd varje vardag; fler har hittat hit via Stadsmissionen.")
    for index in range(1, goals.count()):
        goals.nth(index).fill("Inget nytt att rapportera för perioden.")
    page.get_by_role("button", name="Lämna in rapporten").click()
    assert squash(page.locator(".messages").inner_text()).startswith("Rapporten är inlämnad.")
    assert "fler har hittat hit via Stadsmissionen" in page.locator("main").inner_text()
    a11y.check()
    a11y.assert_clean()
