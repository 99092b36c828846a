"""Previews of documents as they would print now: cached per data version, one render at a
time per user.

- The cache key is the document kind, the object and the checksum of the snapshot the
  request has just built (``models.data_checksum``): the snapshot *is* the data version, so
  every write that changes what the document prints (a title, a payment, an index value,
  a note submitted) gives a new key, and a cached PDF is only ever served to a request
  that has built exactly the same data itself, after its own scope and permission checks.
  Building the snapshot takes a few queries; rendering is what costs (see
  ``docs/benchmarks.md``), and that is what the cache saves.
- Rendering holds a slot per user in the database (``PreviewRender``), so it holds across
  web processes: a second render for the same user while one runs is refused
  (``RenderBusy``, answered 429). A slot older than ``SLOT_STALE_AFTER`` (a killed process)
  is taken over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from partnerships.models import User

from . import kinds
from .models import PreviewRender, data_checksum

PREVIEW_TTL_SECONDS = 60 * 60
SLOT_STALE_AFTER = dt.timedelta(minutes=2)
BUSY_MESSAGE = (
    "Ett annat dokument håller redan på att skapas åt dig. Vänta tills det är klart och "
    "försök sedan igen."
)


class RenderBusy(Exception):
    """The user already has a render running."""


@contextmanager
def render_slot(user: User) -> Iterator[None]:
    """Hold the user's one render slot for the duration of the block, or raise RenderBusy."""
    now = timezone.now()
    PreviewRender.objects.filter(user=user, started_at__lt=now - SLOT_STALE_AFTER).delete()
    try:
        with transaction.atomic():
            slot = PreviewRender.objects.create(user=user, started_at=now)
    except IntegrityError as exc:
        raise RenderBusy(BUSY_MESSAGE) from exc
    try:
        yield
    finally:
        PreviewRender.objects.filter(pk=slot.pk).delete()


def cache_key(kind: str, subject: object, snapshot: dict[str, Any]) -> str:
    return f"documents:preview:{kind}:{subject}:{data_checksum(snapshot)}"


def preview_pdf(*, user: User, subject: object, snapshot: dict[str, Any]) -> bytes:
    """The PDF of ``snapshot`` (a draft), from the cache when the same data was rendered."""
    key = cache_key(snapshot["kind"], subject, snapshot)
    pdf = cache.get(key)
    if pdf is None:
        with render_slot(user):
            pdf = kinds.render_snapshot(snapshot)
        cache.set(key, pdf, PREVIEW_TTL_SECONDS)
    return pdf
