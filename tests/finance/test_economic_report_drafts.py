"""The economic report is a long form like the others (issue 18): it is autosaved as a
private draft, and what was typed survives an expired session through a new sign-in."""

import json
import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from drafts.models import Draft
from drafts.session import LAST_SEEN
from finance.models import EconomicReport
from tests.finance import test_economic_report as base

pytestmark = pytest.mark.django_db

setup = base.setup  # the partner, its budget and payment, and a second partner (fixture)
_url = base._url

EXPLANATION = "Hyran höjdes i mars när hyresvärden bytte; vi förhandlade ned den till hösten."
HOST = "http://testserver"


def _data(**overrides):
    data = {
        "version": "0",
        "staff_actual": "210 000",
        "staff_comment": "Löneökning enligt avtal",
        "volunteers_actual": "150 000",
        "volunteers_comment": "Färre volontärtimmar",
        "premises_actual": "182 000",
        "premises_comment": EXPLANATION,
        "own_financing": "195 310",
        "funder_0_funder": "",
        "funder_0_amount": "",
        "action": "save",
    }
    data.update(overrides)
    return data


def _in_page(text, response) -> bool:
    page = response.content.decode()
    return 'id="draft-restore"' in page and json.dumps(text)[1:-1] in page


def test_the_economic_report_form_is_marked_for_autosave(setup, client_for):
    page = client_for(setup.partner).get(_url(setup)).content.decode()
    form = page[page.index('id="form-heading"') :]
    assert '<form method="post" novalidate data-autosave' in form
    assert "js/drafts.js" in page


def test_economic_report_autosave_round_trip(setup, client_for):
    world = setup
    url = _url(world)
    client = client_for(world.partner)

    response = client.post(
        reverse("drafts:autosave"), {"draft_path": url, "premises_comment": EXPLANATION}
    )

    assert response.status_code == 200 and response.json()["savedAt"].count(".") == 1
    assert Draft.objects.get(user=world.partner, path=url).fields == {
        "premises_comment": [EXPLANATION]
    }
    assert _in_page(EXPLANATION, client.get(url))
    # private to whoever may write it: the administration and other partners never get it
    assert not _in_page(EXPLANATION, client_for(world.admin).get(url))
    assert client_for(world.fellow_partner).get(url).status_code == 404


def test_a_typed_economic_report_survives_an_expired_session(setup, password):
    world = setup
    url = _url(world)
    client = Client()
    client.force_login(world.partner)
    assert client.get(url).status_code == 200
    session = client.session
    session[LAST_SEEN] = time.time() - settings.IOP_SESSION_IDLE_MINUTES * 60 - 5
    session.save()

    response = client.post(url, _data(), HTTP_ORIGIN=HOST, HTTP_REFERER=HOST + url)

    assert response.status_code == 401
    page = response.content.decode()
    assert "Du hade loggats ut" in page and "Det du skrev är sparat" in page
    assert not EconomicReport.objects.exists()  # nothing half-saved
    assert Draft.objects.get().user == world.partner

    response = client.post(
        reverse("login"), {"username": world.partner.username, "password": password, "next": url}
    )
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url)
    assert page.context["draft_restore"]["fields"]["premises_comment"] == [EXPLANATION]
    assert _in_page(EXPLANATION, page)
