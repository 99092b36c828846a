"""A partner whose session expires mid-report loses nothing: the session warns first, the
text is autosaved, and a save after the session is gone keeps the text through a new
sign-in. axe-core on the warning, the kept page and the restored form."""

import re
import threading

import pytest

from tests.e2e.conftest import heading, login

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FIRST = "Öppet fem dagar i veckan för alla som vill komma."
SECOND = "Gemensamma måltider på torsdagskvällar, cirka 25 brukar komma."


def _forget_all_sessions() -> None:
    """On the server: every session is gone (expired, or signed out in another tab). The
    ORM runs in its own thread, as the live server does: Playwright's loop is in this one."""

    def forget():
        from django.contrib.sessions.models import Session
        from django.db import connection

        Session.objects.all().delete()
        connection.close()

    thread = threading.Thread(target=forget)
    thread.start()
    thread.join()


def test_partner_whose_session_expires_mid_report_keeps_the_text(demo_data, settings, browser_page):
    # The warning shows at once: the idle timeout is as short as the warning period.
    settings.IOP_SESSION_IDLE_MINUTES = 3
    settings.IOP_SESSION_WARN_MINUTES = 3
    page, a11y = browser_page
    login(page, "pingst", a11y=a11y)
    a11y.check()
    page.locator(".attention-list li", has_text="Uppföljning 2026").get_by_role(
        "link", name="Skriv rapporten"
    ).click()
    report_path = re.sub(r"^https?://[^/]+", "", page.url)

    warning = page.locator("#session-warning")
    assert "Du loggas ut om 3 minuter" in warning.inner_text()
    a11y.check("session warning")
    with page.expect_response(lambda r: "/session/fortsatt/" in r.url) as answer:
        warning.get_by_role("button", name="Fortsätt vara inloggad").click()
    assert answer.value.ok

    goal_1 = page.get_by_label(re.compile(r"^Mål 1:"))
    goal_2 = page.get_by_label(re.compile(r"^Mål 2:"))
    goal_1.fill(FIRST)
    status = page.locator(".autosave-status")
    status.filter(has_text=re.compile(r"Sparat kl\. \d\d\.\d\d")).wait_for(timeout=20_000)

    _forget_all_sessions()
    goal_2.fill(SECOND)
    page.get_by_role("button", name="Spara utkast").click()

    assert heading(page) == "Du hade loggats ut"
    assert "Det du skrev är sparat" in page.locator("main").inner_text()
    a11y.check("kept after the session expired")

    page.get_by_role("link", name="Logga in igen").click()
    a11y.check("sign in again")
    page.get_by_label("Användarnamn").fill("pingst")
    page.get_by_label("Lösenord").fill("iop-demo-2026")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()

    assert page.url.endswith(report_path)
    assert goal_1.input_value() == FIRST
    assert goal_2.input_value() == SECOND
    assert "innan du loggades ut" in page.locator("main").inner_text()
    a11y.check("text restored")

    page.get_by_role("button", name="Spara utkast").click()
    assert "Utkastet är sparat" in page.locator(".messages").inner_text()
    assert goal_2.input_value() == SECOND
    a11y.check("saved")
    a11y.assert_clean()
