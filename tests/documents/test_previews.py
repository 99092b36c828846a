"""Previews: cached per data version (never stale, never another scope's), one render at a
time per user (429 for a second), and the fetcher made once per process."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from documents import kinds, previews, rendering
from documents.models import PreviewRender
from tests.documents.conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _preview_url(agreement):
    return reverse("documents:agreement_preview", args=[agreement.pk])


def test_a_second_preview_of_the_same_data_comes_from_the_cache(world, client_for, monkeypatch):
    client = client_for(world.admin)
    first = client.get(_preview_url(world.agreement))
    assert first.status_code == 200
    key = previews.cache_key(
        "agreement", world.agreement.pk, kinds.agreement_snapshot(world.agreement.pk)
    )
    assert cache.get(key) == first.content
    renders = []
    real = kinds.render_snapshot
    monkeypatch.setattr(kinds, "render_snapshot", lambda s: renders.append(s) or real(s))
    second = client.get(_preview_url(world.agreement))
    assert second.content == first.content and renders == []


def test_an_edit_is_in_the_next_preview(world, client_for):
    client = client_for(world.admin)
    assert world.agreement.title in pdf_text(client.get(_preview_url(world.agreement)).content)
    world.agreement.title = "Mötesplats för alla, ny titel"
    world.agreement.save()
    text = pdf_text(client.get(_preview_url(world.agreement)).content)
    assert "Mötesplats för alla, ny titel" in text


def test_a_cached_preview_is_still_behind_the_scope_check(world, client_for):
    staff = client_for(world.admin).get(_preview_url(world.agreement))
    partner = client_for(world.partner).get(_preview_url(world.agreement))
    assert staff.status_code == partner.status_code == 200
    outsider = client_for(world.outsider_admin).get(_preview_url(world.agreement))
    assert outsider.status_code == 404


def test_a_second_concurrent_render_for_the_same_user_answers_429(world, client_for):
    client = client_for(world.admin)
    with previews.render_slot(world.admin):
        response = client.get(_preview_url(world.agreement))
        assert response.status_code == 429
        assert "håller redan på att skapas åt dig" in response.content.decode()
        assert response["Retry-After"]
        # another user is not held up
        assert client_for(world.board_staff).get(_preview_url(world.agreement)).status_code == 200
    assert not PreviewRender.objects.filter(user=world.admin).exists()
    assert client_for(world.admin).get(_preview_url(world.agreement)).status_code == 200


def test_a_slot_left_by_a_killed_process_is_taken_over(world):
    from django.utils import timezone

    PreviewRender.objects.create(
        user=world.admin, started_at=timezone.now() - previews.SLOT_STALE_AFTER * 2
    )
    with previews.render_slot(world.admin):
        assert PreviewRender.objects.filter(user=world.admin).count() == 1


def test_the_slot_is_freed_when_the_render_fails(world, monkeypatch):
    def broken(snapshot):
        raise RuntimeError("render failed")

    monkeypatch.setattr(kinds, "render_snapshot", broken)
    snapshot = kinds.agreement_snapshot(world.agreement.pk)
    with pytest.raises(RuntimeError):
        previews.preview_pdf(user=world.admin, subject=world.agreement.pk, snapshot=snapshot)
    assert not PreviewRender.objects.exists()


def test_every_render_uses_the_one_fetcher_of_the_process():
    assert rendering.default_fetcher() is rendering.default_fetcher()
    other = rendering.StaticOnlyURLFetcher()
    https = next(h for h in other.handlers if type(h).__name__ == "HTTPSHandler")
    assert https._context is rendering._UNUSED_SSL_CONTEXT
