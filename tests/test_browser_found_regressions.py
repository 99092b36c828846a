"""Regression tests for defects first found in the browser (party preselection, language of
Django's own messages, the untranslated blank choice, an inline style blocked by the CSP).
They use Django's test client, so they run without a browser."""

import pytest
from django.urls import reverse

from partnerships.models import Agreement, Sector
from tests.partnerships.helpers import agreement_post_data

pytestmark = pytest.mark.django_db


def test_preselected_own_municipality_is_kept_as_a_party(world, client_for):
    client = client_for(world.admin)
    form = client.get(reverse("partnerships:agreement_create")).context["party_formset"]
    assert form.forms[0].initial == {
        "organisation": world.municipality.pk,
        "role": Sector.PUBLIC,
    }
    # Exactly what the browser sends: row 0 as preselected, row 1 chosen by the user.
    data = agreement_post_data(parties=[world.municipality, world.association], goals=["Mål"])
    data["parties-0-role"] = Sector.PUBLIC
    response = client.post(reverse("partnerships:agreement_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    agreement = Agreement.objects.get(title="Ny IOP")
    assert set(agreement.parties.values_list("organisation_id", flat=True)) == {
        world.municipality.pk,
        world.association.pk,
    }


def test_a_browser_preferring_english_still_gets_swedish_messages(world, client, password):
    response = client.post(
        reverse("login"),
        {"username": "handlaggare", "password": "fel"},
        HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9",
    )
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "Ange ett korrekt användarnamn och lösenord" in html


def test_blank_choice_of_selects_is_swedish(world, client_for):
    html = client_for(world.admin).get(reverse("partnerships:agreement_create")).content.decode()
    assert "Select an option" not in html


def test_follow_up_chart_has_no_inline_style_for_the_csp_to_block():
    from followups.chart import Series, bar_chart

    svg = bar_chart(title="Unika personer", categories=["2020"], series=[Series("A", [90])])
    assert "style=" not in svg
