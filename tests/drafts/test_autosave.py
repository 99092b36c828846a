"""Autosaved drafts: the round trip, privacy, and the draft gone once the form is saved."""

import json
import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from drafts.models import Draft
from drafts.session import LAST_SEEN
from tests.followups.factories import RoundFactory

pytestmark = pytest.mark.django_db

MINUTES = "Vi gick igenom årets verksamhet. Föreningen redovisade fler besök än väntat."


def round_report(world):
    round = RoundFactory(agreement=world.agreement)
    return round, reverse("followups:round_report", args=[round.pk])


def autosave(client, path, **fields):
    return client.post(reverse("drafts:autosave"), {"draft_path": path, **fields})


def offered(response) -> dict | None:
    return response.context.get("draft_restore") if response.context else None


def test_autosave_round_trip(world, client_for):
    round, url = round_report(world)
    goal = round.agreement.goals.first()
    client = client_for(world.partner)

    response = autosave(client, url, **{f"goal_{goal.pk}": MINUTES, "csrfmiddlewaretoken": "x"})

    assert response.status_code == 200
    assert response.json()["savedAt"].count(".") == 1  # "14.32"
    draft = Draft.objects.get(user=world.partner, path=url)
    assert draft.fields == {f"goal_{goal.pk}": [MINUTES]}
    page = client.get(url)
    assert offered(page)["fields"][f"goal_{goal.pk}"] == [MINUTES]
    assert json.dumps(MINUTES)[1:-1] in page.content.decode()


def test_another_user_never_gets_the_draft(world, client_for):
    round, url = round_report(world)
    goal = round.agreement.goals.first()
    autosave(client_for(world.partner), url, **{f"goal_{goal.pk}": MINUTES})

    # A colleague who may open the same page gets no draft of someone else's.
    colleague = Client()
    colleague.force_login(world.admin)
    page = colleague.get(url)
    assert page.status_code in (200, 403)
    assert offered(page) is None and json.dumps(MINUTES)[1:-1] not in page.content.decode()
    # A user of another municipality: the page is a 404, and the draft is not in it.
    outsider = Client()
    outsider.force_login(world.outsider_admin)
    page = outsider.get(url)
    assert page.status_code == 404
    assert json.dumps(MINUTES)[1:-1] not in page.content.decode()
    # Discarding is the caller's own drafts only.
    assert outsider.post(reverse("drafts:discard"), {"draft_path": url}).status_code == 200
    assert Draft.objects.filter(user=world.partner, path=url).exists()


def test_saving_the_form_removes_the_draft(world, client_for):
    round, url = round_report(world)
    goals = list(round.agreement.goals.all())
    client = client_for(world.partner)
    autosave(client, url, **{f"goal_{goals[0].pk}": MINUTES})
    data = {f"goal_{g.pk}": MINUTES for g in goals}
    data.update({"figures-opening_hours_min": "5", "figures-opening_hours_max": "9"})
    data["version"] = "0"  # the report's version as its form carries it: nothing saved yet

    assert client.post(url, data, HTTP_REFERER="http://testserver" + url).status_code == 302

    assert not Draft.objects.exists()
    assert offered(client.get(url)) is None


def test_a_personal_identity_number_is_not_saved_in_a_draft(world, client_for):
    round, url = round_report(world)
    response = autosave(client_for(world.partner), url, narrative="Besökaren 811218-9876")
    assert response.status_code == 400
    assert "personnummer" in response.json()["error"]
    assert not Draft.objects.exists()


def test_autosave_signed_out_is_401_not_a_redirect(world):
    round, url = round_report(world)
    response = autosave(Client(), url, narrative=MINUTES)
    assert response.status_code == 401
    assert "utloggad" in response.json()["error"]


def test_autosave_refuses_paths_that_are_not_form_pages(world, client_for):
    client = client_for(world.partner)
    for path in ["/finns-inte/", "https://evil.example/", reverse("login"), "/admin/"]:
        assert autosave(client, path, narrative=MINUTES).status_code == 400
    assert not Draft.objects.exists()


def test_forms_with_long_texts_are_marked_for_autosave(world, client_for):
    round, url = round_report(world)
    page = client_for(world.partner).get(url).content.decode()
    assert "data-autosave" in page
    assert "js/drafts.js" in page and "js/session.js" in page
    assert "<script>" not in page  # strict CSP: no inline script


# The idle session timeout -------------------------------------------------------------


def test_idle_session_is_signed_out(world, client_for):
    client = client_for(world.partner)
    session = client.session
    session[LAST_SEEN] = time.time() - settings.IOP_SESSION_IDLE_MINUTES * 60 - 1
    session.save()
    response = client.get(reverse("start"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_active_session_stays_and_is_written_at_most_once_a_minute(world, client_for):
    client = client_for(world.partner)
    session = client.session
    recent = time.time() - 30
    session[LAST_SEEN] = recent
    session.save()
    assert client.get(reverse("start")).status_code == 200
    assert client.session[LAST_SEEN] == recent  # not written: less than a minute ago

    session = client.session
    session[LAST_SEEN] = time.time() - 61 * 60
    session.save()
    assert client.get(reverse("start")).status_code == 200
    assert client.session[LAST_SEEN] > time.time() - 5


def test_keepalive_restarts_the_idle_clock(world, client_for):
    client = client_for(world.partner)
    session = client.session
    session[LAST_SEEN] = time.time() - 30
    session.save()
    response = client.post(reverse("drafts:keepalive"))
    assert response.status_code == 200
    assert response.json()["idleSeconds"] == settings.IOP_SESSION_IDLE_MINUTES * 60
    assert client.session[LAST_SEEN] > time.time() - 5


def test_idle_timeout_is_configurable(world, client_for, settings):
    settings.IOP_SESSION_IDLE_MINUTES = 10
    client = client_for(world.partner)
    page = client.get(reverse("start")).content.decode()
    assert 'data-session-idle="600"' in page
    session = client.session
    session[LAST_SEEN] = time.time() - 11 * 60
    session.save()
    assert client.get(reverse("start")).status_code == 302


def test_page_queries_do_not_grow_with_drafts(
    world, client_for, django_assert_max_num_queries, settings
):
    # The page's own work, not the page cache's (tests/common/test_pagecache.py covers that).
    settings.IOP_PAGE_CACHE_SECONDS = 0
    round, url = round_report(world)
    client = client_for(world.partner)
    client.get(reverse("start"))
    with django_assert_max_num_queries(30) as baseline:
        client.get(reverse("start"))
    for i in range(5):
        Draft.objects.create(
            user=world.partner,
            path=f"/moten/{i}/redigera/",
            kind="autosave",
            fields={},
            updated_at="2026-01-01T00:00Z",
            expires_at="2099-01-01T00:00Z",
        )
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        client.get(reverse("start"))
