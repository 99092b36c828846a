"""A NUL byte anywhere in a request (path, query, token) is a 4xx or an ignored filter,
never a 500. PostgreSQL refuses NUL in text ("cannot contain NUL (0x00) bytes"), so these
fail only there without the guards; they run on both databases."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/organisationer/?q=%00",  # was a 500 on PostgreSQL
        "/organisationer/?q=a%00b",  # was a 500 on PostgreSQL
        "/overenskommelser/?q=%00",
        "/overenskommelser/?sida=%00",
        "/organisationer/?sida=%00",
        "/overenskommelser/1%00/",
        "/ekonomi/oversikt/?ar=%00",
        "/uppfoljning/overenskommelser/{agreement}/?matt=%00",
    ],
)
def test_nul_in_a_signed_in_request_is_not_a_500(world, client_for, url):
    client = client_for(world.admin)
    response = client.get(url.format(agreement=world.agreement.pk))
    assert response.status_code in (200, 404)


def test_organisation_search_ignores_a_nul_byte(world, client_for):
    response = client_for(world.admin).get("/organisationer/?q=IOGT%00")
    assert response.status_code == 200
    assert "IOGT-NTO Kamratstödet" in response.content.decode()


@pytest.mark.parametrize("token", ["%00", "abc%00def", "a%20b", "x" * 65])
def test_calendar_feed_with_a_bad_token_is_404_without_login(client, world, token):
    """The feed needs no login: anybody could send a NUL (was a 500 on PostgreSQL)."""
    response = client.get(f"/uppfoljning/kalender/{token}.ics")
    assert response.status_code == 404
