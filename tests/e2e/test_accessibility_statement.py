"""The accessibility statement (tillgänglighetsredogörelse): public, in Swedish, in DIGG's
model, and linked from the footer of every page. The client tests run without a browser;
the last test checks the page with axe in Chromium."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.e2e.conftest import heading

STATEMENT_URL = "/tillganglighet/"

DIGG_SECTIONS = [
    "Hur tillgänglig är tjänsten?",
    "Vad kan du göra om du inte kan använda delar av tjänsten?",
    "Rapportera brister i tjänstens tillgänglighet",
    "Tillsyn",
    "Teknisk information om tjänstens tillgänglighet",
    "Innehåll som inte är tillgängligt",
    "Hur vi testat tjänsten",
]


def test_statement_is_public_and_follows_diggs_model(client):
    assert reverse("accessibility") == STATEMENT_URL
    response = client.get(STATEMENT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "<h1>Tillgänglighet för IOP-registret</h1>" in html
    for section in DIGG_SECTIONS:
        assert f">{section}</h" in html, section
    assert "lagen (2018:1937) om tillgänglighet till digital offentlig service" in html
    assert "Tjänsten är delvis förenlig med lagen" in html
    assert "WCAG 2.1 nivå AA" in html
    assert "Myndigheten för digital förvaltning (DIGG)" in html
    assert 'href="https://www.digg.se/tdosanmalan"' in html
    assert "axe-core" in html and "tangentbord" in html
    assert re.search(r"Senaste bedömningen gjordes den <time datetime=\"\d{4}-\d\d-\d\d\">", html)


@override_settings(ACCESSIBILITY_CONTACT_EMAIL="tillganglighet@kommun.example")
def test_statement_shows_the_contact_address_when_configured(client):
    html = client.get(STATEMENT_URL).content.decode()
    assert 'href="mailto:tillganglighet@kommun.example"' in html


def test_statement_answers_get_only(client):
    assert client.post(STATEMENT_URL).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name, role",
    [
        ("login", None),
        ("start", "admin"),
        ("start", "partner"),
        ("partnerships:agreement_list", "board_staff"),
    ],
)
def test_footer_links_to_the_statement(world, client, url_name, role):
    if role:
        client.force_login(getattr(world, role))
    html = client.get(reverse(url_name)).content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert f'<a href="{STATEMENT_URL}">Tillgänglighetsredogörelse</a>' in footer


@pytest.mark.django_db
def test_footer_link_is_on_the_error_pages_too(client):
    html = client.get("/finns-inte/").content.decode()
    assert f'<a href="{STATEMENT_URL}">Tillgänglighetsredogörelse</a>' in html


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_statement_is_reached_from_the_footer_and_passes_axe(browser_page):
    page, a11y = browser_page
    page.goto("/logga-in/")
    a11y.check()
    page.get_by_role("contentinfo").get_by_role("link", name="Tillgänglighetsredogörelse").click()
    assert page.url.endswith(STATEMENT_URL)
    assert heading(page) == "Tillgänglighet för IOP-registret"
    assert page.get_by_role("heading", name="Tillsyn").is_visible()
    a11y.check()
    a11y.assert_clean()
