import pytest
from django.db import DatabaseError
from django.urls import reverse


@pytest.mark.django_db
def test_health_endpoint_answers_200_with_the_database(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["database"] == "up"


@pytest.mark.django_db
def test_health_endpoint_answers_503_without_the_database(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503


@pytest.mark.django_db
def test_pages_send_a_content_security_policy(world, client_for):
    response = client_for(world.admin).get(reverse("start"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_not_found_page_is_swedish_and_shows_no_internals(world, client_for):
    response = client_for(world.admin).get("/overenskommelser/999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Sidan finns inte" in html
    assert "Traceback" not in html


@pytest.mark.django_db
def test_signed_in_pages_are_not_stored_by_any_cache(world, client_for):
    response = client_for(world.admin).get(reverse("start"))
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_login_is_throttled_after_repeated_wrong_passwords(world, client, password):
    url = reverse("login")
    for _ in range(5):
        response = client.post(url, {"username": "handlaggare", "password": "fel"})
    response = client.post(url, {"username": "handlaggare", "password": password})
    assert response.status_code == 429
    assert "För många inloggningsförsök" in response.content.decode()
    # Another user from the same address is not locked out by this.
    response = client.post(url, {"username": "iogt", "password": password})
    assert response.status_code == 302


@pytest.mark.django_db
def test_health_endpoint_is_not_redirected_to_https(client, settings):
    # The exemption comes from iop/settings.py (tests import its production branch).
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/logga-in/").status_code == 301
