"""A form POST after the session expired, or with a failed CSRF check, keeps what was
typed; after signing in again the same form shows it (only to someone who may open it)."""

import json
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from drafts.models import Draft
from drafts.session import LAST_SEEN
from tests.followups.factories import RoundFactory

pytestmark = pytest.mark.django_db

TEXT = "Vi har haft öppet varje tisdag och torsdag, i snitt 14 besökare per kväll."
HOST = "http://testserver"


def report_url(round):
    return reverse("followups:round_report", args=[round.pk])


def report_data(round, text=TEXT):
    data = {f"goal_{g.pk}": text for g in round.agreement.goals.all()}
    data.update({"figures-opening_hours_min": "5", "figures-opening_hours_max": "9"})
    return data


def restored(text, response) -> bool:
    """The text is in the page's draft JSON (json_script escapes it as ASCII)."""
    return (
        'id="draft-restore"' in response.content.decode()
        and json.dumps(text)[1:-1] in response.content.decode()
    )


def from_page(url):
    return {"HTTP_ORIGIN": HOST, "HTTP_REFERER": HOST + url}


def expire_idle(client):
    session = client.session
    session[LAST_SEEN] = time.time() - settings.IOP_SESSION_IDLE_MINUTES * 60 - 5
    session.save()


def sign_in(client, user, password, next_url):
    response = client.post(
        reverse("login"), {"username": user.username, "password": password, "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == next_url
    return client.get(next_url)


def test_idle_session_post_keeps_the_text_through_a_new_sign_in(world, password):
    round = RoundFactory(agreement=world.agreement)
    url = report_url(round)
    client = Client()
    client.force_login(world.partner)
    assert client.get(url).status_code == 200
    expire_idle(client)

    response = client.post(url, report_data(round), **from_page(url))

    assert response.status_code == 401
    page = response.content.decode()
    assert "Du hade loggats ut" in page
    assert "Det du skrev är sparat" in page
    assert 'class="site-header"' in page  # the app's own layout
    assert f"next={url.replace('/', '%2F')}" in page
    assert round.notes.count() == 0  # nothing half-saved
    draft = Draft.objects.get()
    assert draft.user == world.partner  # the session knew whose it was
    assert "csrfmiddlewaretoken" not in draft.fields

    page = sign_in(client, world.partner, password, url)
    assert page.context["draft_restore"]["fields"][f"goal_{round.agreement.goals.first().pk}"] == [
        TEXT
    ]
    assert restored(TEXT, page)  # in the JSON the script fills the form from


def test_session_deleted_on_the_server_keeps_the_text_for_this_browser(world, password):
    round = RoundFactory(agreement=world.agreement)
    url = report_url(round)
    client = Client()
    client.force_login(world.partner)
    Session.objects.all().delete()  # signed out elsewhere, or the server forgot it

    response = client.post(url, report_data(round), **from_page(url))

    assert response.status_code == 401
    draft = Draft.objects.get()
    assert draft.user is None and draft.stash_key  # the cookie's hash, not the cookie
    assert draft.stash_key != client.cookies["iop_kept"].value
    page = sign_in(client, world.partner, password, url)
    assert restored(TEXT, page)
    assert Draft.objects.get().user == world.partner
    assert client.cookies["iop_kept"].value == ""  # claimed: the cookie is dropped


def test_kept_text_is_not_restored_for_a_user_who_may_not_open_the_form(world, password):
    round = RoundFactory(agreement=world.agreement)
    url = report_url(round)
    client = Client()
    client.post(url, report_data(round), **from_page(url))  # signed out: kept for the browser
    client.post(reverse("login"), {"username": world.other_partner.username, "password": password})
    response = client.get(url)
    assert response.status_code == 404  # the form view's own scope runs again
    assert not restored(TEXT, response)


def test_failed_csrf_check_shows_the_apps_page_and_keeps_the_text(world):
    round = RoundFactory(agreement=world.agreement)
    url = report_url(round)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.partner)

    response = client.post(url, report_data(round), **from_page(url))

    assert response.status_code == 403
    page = response.content.decode()
    assert "Formuläret kunde inte skickas" in page
    assert "CSRF-verifikation" not in page
    assert 'class="site-header"' in page and "Logga ut" in page
    assert f'href="{url}"' in page  # back to the form
    assert Draft.objects.get(user=world.partner).path == url
    assert restored(TEXT, client.get(url))


def test_another_sites_forged_post_is_never_kept(world):
    round = RoundFactory(agreement=world.agreement)
    url = report_url(round)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.partner)
    response = client.post(
        url, report_data(round, "Ändrat av någon annan"), HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    assert not Draft.objects.exists()
    assert "Ändrat av någon annan" not in response.content.decode()


def test_personal_identity_numbers_are_not_kept_but_shown_back(world):
    round = RoundFactory(agreement=world.agreement)
    url = report_url(round)
    client = Client()
    response = client.post(url, report_data(round, "Besökare 811218-9876 kom."), **from_page(url))
    assert response.status_code == 401
    assert not Draft.objects.filter(fields__icontains="811218").exists()
    page = response.content.decode()
    assert "personnummer" in page
    assert "Besökare 811218-9876 kom." in page  # shown once, to copy; never stored


def test_the_login_form_itself_is_never_kept(world):
    client = Client(enforce_csrf_checks=True)
    client.post(
        reverse("login"),
        {"username": "iogt", "password": "hemligt-lösenord"},
        **from_page(reverse("login")),
    )
    assert not Draft.objects.exists()
