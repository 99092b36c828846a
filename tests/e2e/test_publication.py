"""The public list: an administrator switches it on, then anybody reads and searches it
without logging in. axe on every page."""

import pytest

from tests.e2e.conftest import heading, login

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_administrator_publishes_and_the_public_searches(demo_data, browser_page):
    page, a11y = browser_page
    login(page, "handlaggare", a11y=a11y)
    a11y.check("start")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Publicering").click()
    assert heading(page) == "Publicering av IOP-listan"
    a11y.check()
    page.get_by_label("Adress").fill("Fel adress")
    page.get_by_role("button", name="Spara").click()
    assert "Formuläret innehåller fel" in page.get_by_role("alert").inner_text()
    assert "små bokstäver" in page.locator("#id_slug_error").inner_text()
    a11y.check("bad address")
    page.get_by_label("Adress").fill("linkopings-kommun")
    page.get_by_label("Publicera listan").check()
    page.get_by_label("Dölj diarienummer").check()
    page.get_by_role("button", name="Spara").click()
    assert "Publiceringen är sparad." in page.locator(".messages").inner_text()
    page.context.clear_cookies()  # a reader who never signed in

    page.goto("/offentlig/linkopings-kommun/")
    assert heading(page) == "Idéburna offentliga partnerskap, Linköpings kommun"
    assert page.get_by_role("link", name="Logga ut").count() == 0
    a11y.check("anonymous")
    assert "Diarienummer" not in page.locator("main").inner_text()
    page.get_by_label("Sökord").fill("IOGT")
    page.get_by_role("button", name="Sök").click()
    status = page.get_by_role("status").inner_text()
    assert "matchar sökningen" in status and not status.startswith("0 ")
    a11y.check("search")
    a11y.assert_clean()
