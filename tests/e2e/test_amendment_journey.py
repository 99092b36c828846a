"""An administrator records an amendment in the browser (issue 14): the "Ändringar" tab,
the form's error state, a raise from 1 July and an extension; the agreement page and the
economy tab then show the agreement as amended. axe-core on every page."""

import os
import re

import pytest

from tests.e2e.conftest import heading, login

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_administrator_records_a_raise_and_an_extension(demo_data, browser_page):
    page, a11y = browser_page
    shots = os.environ.get("IOP_E2E_SCREENSHOTS")
    login(page, "handlaggare", a11y=a11y)
    a11y.check()
    page.goto("/overenskommelser/")
    a11y.check()
    page.locator("main table a[href^='/overenskommelser/']").first.click()
    a11y.check()
    end = re.search(r"– (\d{4})-12-31", page.locator("dl.facts").inner_text())
    assert end, "the demo agreement ends on 31 December"
    year = int(end.group(1))

    page.get_by_role("navigation", name="Delar av överenskommelsen").get_by_role(
        "link", name="Ändringar", exact=True
    ).click()
    assert heading(page, 2) == "Ändringar under perioden"
    a11y.check()
    page.get_by_role("link", name="Registrera ändring").click()
    a11y.check()
    page.get_by_role("button", name="Spara ändringen").click()
    assert "Inget har sparats" in page.locator("#form-errors").inner_text()
    a11y.check("form errors")

    page.get_by_label("Beslutsdatum").fill(f"{year}-05-12")
    page.get_by_label("Paragraf").fill("§ 87")
    page.get_by_label("Rubrik").fill("Tilläggsbeslut om utökat uppdrag")
    page.get_by_label("Beloppsändring").first.select_option(
        label="Ny årsnivå från och med ett datum"
    )
    page.locator("input[id$='-effective_from']").first.fill(f"{year}-07-01")
    page.locator("input[id$='-amount']").first.fill("600 000")
    page.get_by_label("Perioden förlängs till och med").fill(f"{year + 1}-12-31")
    page.get_by_label("Mål som läggs till").fill("Fler besökare i Ryd")
    if shots:
        page.screenshot(path=f"{shots}/amendment-form.png", full_page=True)
    page.get_by_role("button", name="Spara ändringen").click()
    assert "Ändringen har sparats." in page.locator("main").inner_text()
    listing = page.locator("main").inner_text()
    assert f"Ny årsnivå 600\u00a0000\u00a0kr från och med {year}-07-01" in listing
    a11y.check("after saving")
    if shots:
        page.screenshot(path=f"{shots}/amendments.png", full_page=True)

    page.get_by_role("navigation", name="Delar av överenskommelsen").get_by_role(
        "link", name="Överenskommelse", exact=True
    ).click()
    text = page.locator("main").inner_text()
    assert f"{year + 1}-12-31 (förlängd genom ändring {year}-05-12, tidigare {year}-12-31)" in text
    assert f"Fler besökare i Ryd (tillagt genom ändring {year}-05-12 § 87)" in text
    a11y.check("as amended")
    page.get_by_role("navigation", name="Delar av överenskommelsen").get_by_role(
        "link", name="Ekonomi", exact=True
    ).click()
    economy = page.locator("main").inner_text().replace("\u00a0", " ")
    assert re.search(rf"{year}-07-01–{year}-12-31: 184 av 36[56] dagar av 600 000 kr", economy)
    a11y.check("split year")
    if shots:
        page.screenshot(path=f"{shots}/economy.png", full_page=True)
    a11y.assert_clean()
