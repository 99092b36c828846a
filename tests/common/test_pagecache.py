"""The cached page bodies (common.pagecache) of the start page and the agreement list:
an edit by any path shows on the next request, and no user ever sees another's body."""

import datetime as dt
import json
import threading

import pytest
import time_machine
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import MessageEncoder
from django.core.management import call_command
from django.tasks import task
from django.test import Client
from django.urls import reverse

from common import pagecache
from partnerships.models import Agreement
from tests.factories import UserFactory
from tests.partnerships.helpers import agreement_post_data

pytestmark = pytest.mark.django_db

LIST = reverse("partnerships:agreement_list")
START = reverse("start")
OVERVIEW = reverse("finance:overview")


def cache_state(response) -> str:
    return response.wsgi_request.iop_page_cache


@task()
def retitle(agreement_id: int, title: str) -> None:
    Agreement.objects.filter(pk=agreement_id).update(title=title)


@pytest.mark.parametrize("url", [START, LIST])
def test_a_repeated_request_is_served_from_the_cache_in_fewer_queries(
    world, client_for, url, django_assert_max_num_queries
):
    client = client_for(world.admin)
    with django_assert_max_num_queries(19 if url == START else 9) as uncached:
        first = client.get(url)
    assert cache_state(first) == "miss"
    # Session, user, data version, the layout's organisation name: the body's own are gone.
    with django_assert_max_num_queries(4) as cached:
        second = client.get(url)
    assert cache_state(second) == "hit"
    assert len(cached.captured_queries) < len(uncached.captured_queries)
    assert _same_body(first, second)


def _same_body(first, second) -> bool:
    def main(response):
        html = response.content.decode()
        return html[html.index("<main") : html.index("</main>")]

    return main(first) == main(second)


def test_an_edit_through_a_view_shows_on_the_next_request(world, client_for):
    client = client_for(world.admin)
    assert "Nytt från vyn" not in client.get(LIST).content.decode()
    data = agreement_post_data(
        title="Nytt från vyn", parties=[world.municipality, world.association], goals=["Mål"]
    )
    assert client.post(reverse("partnerships:agreement_create"), data).status_code == 302
    response = client.get(LIST)
    assert cache_state(response) == "miss"
    assert "Nytt från vyn" in response.content.decode()


@pytest.mark.parametrize("url", [START, LIST])
def test_an_edit_through_queryset_update_shows_on_the_next_request(world, client_for, url):
    client = client_for(world.admin)
    assert world.agreement.title in client.get(url).content.decode()
    assert cache_state(client.get(url)) == "hit"
    Agreement.objects.filter(pk=world.agreement.pk).update(title="Ändrad med update()")
    html = client.get(url).content.decode()
    assert "Ändrad med update()" in html


def test_an_edit_through_a_management_command_shows_on_the_next_request(world, client_for):
    client = client_for(world.admin)
    client.get(LIST)
    call_command(
        "shell",
        command=(
            "from partnerships.models import Agreement; "
            f"Agreement.objects.filter(pk={world.agreement.pk}).update(title='Från kommandot')"
        ),
    )
    assert "Från kommandot" in client.get(LIST).content.decode()


def test_an_edit_through_a_task_shows_on_the_next_request(world, client_for):
    client = client_for(world.admin)
    client.get(START)
    retitle.enqueue(world.agreement.pk, "Från uppgiften")
    assert "Från uppgiften" in client.get(START).content.decode()


def test_a_money_change_by_bulk_update_changes_the_version_the_pages_use(world, client_for):
    from django.db.models import F

    from finance.models import Compensation

    client = client_for(world.admin)
    client.get(START)
    assert cache_state(client.get(START)) == "hit"
    Compensation.objects.filter(agreement=world.agreement).update(base_amount=F("base_amount") + 1)
    assert cache_state(client.get(START)) == "miss"


@pytest.mark.parametrize("url", [START, LIST])
def test_users_of_two_organisations_never_see_each_others_body(world, client_for, url):
    mine = client_for(world.admin).get(url).content.decode()
    assert world.agreement.title in mine
    assert world.other_agreement.title not in mine
    theirs = client_for(world.outsider_admin).get(url)
    assert cache_state(theirs) == "miss"
    html = theirs.content.decode()
    assert world.other_agreement.title in html
    assert world.agreement.title not in html
    # And the other organisation still gets 404 for an agreement that is not theirs.
    assert (
        client_for(world.outsider_admin).get(world.agreement.get_absolute_url()).status_code == 404
    )


@pytest.mark.parametrize("url", [START, LIST, OVERVIEW])
def test_another_organisation_gets_exactly_the_body_it_gets_without_the_cache(
    world, client_for, url, settings
):
    settings.IOP_PAGE_CACHE_SECONDS = 0
    client = client_for(world.outsider_admin)
    uncached = client.get(url)
    assert cache_state(uncached) == "off"
    settings.IOP_PAGE_CACHE_SECONDS = 600
    client_for(world.admin).get(url)
    client = client_for(world.outsider_admin)
    client.get(url)
    cached = client.get(url)
    assert cache_state(cached) == "hit"
    assert _same_body(uncached, cached)


def test_a_partner_sees_only_their_agreements_after_the_municipality_was_cached(world):
    # Signing in writes last_login (a new version): sign everyone in first.
    clients = {}
    for name in ("admin", "other_partner", "partner"):
        clients[name] = Client()
        clients[name].force_login(getattr(world, name))
    clients["admin"].get(LIST)
    clients["other_partner"].get(LIST)
    html = clients["partner"].get(LIST).content.decode()
    assert world.agreement.title in html
    assert world.other_agreement.title not in html
    other = clients["other_partner"].get(LIST)
    assert cache_state(other) == "hit"
    assert world.agreement.title not in other.content.decode()


def test_two_users_of_one_organisation_get_bodies_of_their_own(world, client_for):
    colleague = UserFactory(
        organisation=world.municipality, administrator=True, first_name="Kollega"
    )
    client_for(world.admin).get(START)
    response = client_for(colleague).get(START)
    assert cache_state(response) == "miss"
    assert "Välkommen, Kollega" in response.content.decode()


def test_the_query_string_is_part_of_the_key(world, client_for):
    client = client_for(world.admin)
    client.get(LIST)
    filtered = client.get(LIST, {"q": "finns-inte-alls"})
    assert cache_state(filtered) == "miss"
    assert world.agreement.title not in filtered.content.decode()


def test_a_new_day_is_a_new_body(world, client_for):
    client = client_for(world.admin)
    with time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)):
        client.get(START)
        assert cache_state(client.get(START)) == "hit"
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)):
        assert cache_state(client.get(START)) == "miss"


def test_messages_are_shown_once_and_never_cached(world, client_for, settings):
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
    client = client_for(world.admin)
    client.get(START)
    session = client.session
    session["_messages"] = json.dumps(
        [Message(constants.SUCCESS, "Sparat just nu.")], cls=MessageEncoder
    )
    session.save()
    shown = client.get(START)
    assert cache_state(shown) == "hit"
    assert "Sparat just nu." in shown.content.decode()
    again = client.get(START)
    assert cache_state(again) == "hit"
    assert "Sparat just nu." not in again.content.decode()


def test_the_logout_form_keeps_a_fresh_csrf_token_on_a_cached_page(world, client_for):
    client = client_for(world.admin)
    client.get(START)
    response = client.get(START)
    assert cache_state(response) == "hit"
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_a_body_with_a_csrf_token_or_a_nonce_is_never_stored():
    assert pagecache.storable("<p>Start</p>")
    assert not pagecache.storable('<input name="csrfmiddlewaretoken" value="x">')
    assert not pagecache.storable('<script nonce="abc">')


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_write_from_another_connection_shows_on_the_next_request(world, client_for):
    """Another gunicorn worker or the task worker writes through its own connection: the
    version lives in the database, so this process sees it on its next request."""
    client = client_for(world.admin)
    client.get(LIST)
    assert cache_state(client.get(LIST)) == "hit"

    def other_worker():
        from django.db import connections

        Agreement.objects.filter(pk=world.agreement.pk).update(title="Från en annan process")
        connections.close_all()

    thread = threading.Thread(target=other_worker)
    thread.start()
    thread.join()
    response = client.get(LIST)
    assert cache_state(response) == "miss"
    assert "Från en annan process" in response.content.decode()
