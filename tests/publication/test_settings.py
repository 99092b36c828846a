"""Administrators of a public body switch its list on and choose what it hides."""

import pytest
from django.urls import reverse

from publication.models import Publication

pytestmark = pytest.mark.django_db

URL = "/installningar/publicering/"

FORM = {
    "enabled": "on",
    "slug": "linkoping",
    "hide_board": "on",
}


def test_list_is_off_by_default_and_settings_offer_a_slug(client_for, world):
    assert reverse("publication:settings") == URL
    html = client_for(world.admin).get(URL).content.decode()
    assert 'value="linkopings-kommun"' in html
    assert 'name="enabled"' in html and "checked" not in html.split('name="enabled"')[1][:40]
    assert not Publication.objects.exists()


def test_administrator_switches_the_list_on(client_for, world, client):
    response = client_for(world.admin).post(URL, FORM)
    assert response.status_code == 302
    publication = Publication.objects.get()
    assert publication.organisation == world.municipality
    assert publication.enabled and publication.hide_board and not publication.hide_compensation
    client.logout()
    assert client.get("/offentlig/linkoping/").status_code == 200


def test_another_municipality_edits_only_its_own_list(client_for, world, client):
    client_for(world.admin).post(URL, FORM)
    client.logout()
    response = client_for(world.outsider_admin).post(URL, {**FORM, "slug": "annan"})
    assert response.status_code == 302
    assert Publication.objects.get(slug="annan").organisation == world.other_municipality
    assert Publication.objects.get(slug="linkoping").organisation == world.municipality


def test_taken_or_bad_address_is_refused_with_input_kept(client_for, world, client):
    client_for(world.admin).post(URL, FORM)
    client.logout()
    response = client_for(world.outsider_admin).post(URL, FORM)
    assert response.status_code == 400
    assert "finns redan" in response.content.decode()
    response = client.post(URL, {**FORM, "slug": "Ä b"})
    assert response.status_code == 400
    assert "små bokstäver" in response.content.decode()
    assert 'value="Ä b"' in response.content.decode()
    response = client.post(URL, {**FORM, "slug": "schema"})
    assert response.status_code == 400


def test_a_stale_form_is_a_409_and_keeps_the_input(client_for, world):
    client = client_for(world.admin)
    client.post(URL, FORM)
    publication = Publication.objects.get()
    Publication.objects.filter(pk=publication.pk).update(version=5)
    response = client.post(URL, {**FORM, "slug": "ny-adress", "version": "1"})
    assert response.status_code == 409
    assert 'value="ny-adress"' in response.content.decode()
    assert Publication.objects.get().slug == "linkoping"


@pytest.mark.parametrize("role", ["board_staff", "partner"])
def test_other_roles_may_not_change_publication(client_for, world, role):
    assert client_for(getattr(world, role)).post(URL, FORM).status_code == 403
    assert not Publication.objects.exists()
