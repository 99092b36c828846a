"""Writes of drafts and kept form data. A draft belongs to one person (or, until someone
signs in again, to one browser's stash key) and expires on its own."""

import datetime as dt
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.privacy import reject_personal_numbers
from partnerships.models import User

from .models import Draft

PRIVATE_TEXT_MESSAGE = (
    "Utkastet sparades inte: texten innehåller något som ser ut som ett personnummer eller "
    "samordningsnummer. Ta bort det; sådana uppgifter får inte sparas här."
)


def stash_hash(cookie_value: str) -> str:
    """What is stored of the stash cookie: its hash, so a database reader cannot claim it."""
    return hashlib.sha256(cookie_value.encode()).hexdigest()


def split_private(fields: dict[str, list[str]]) -> tuple[dict[str, list[str]], list[str]]:
    """The fields the text guard accepts, and the names of those it refuses (never stored:
    no personal identity numbers, not even in a draft)."""
    clean: dict[str, list[str]] = {}
    refused: list[str] = []
    for name, values in fields.items():
        try:
            for value in values:
                reject_personal_numbers(value)
        except ValidationError:
            refused.append(name)
        else:
            clean[name] = values
    return clean, refused


def _expiry(kind: str) -> dt.datetime:
    if kind == Draft.Kind.KEPT:
        return timezone.now() + dt.timedelta(hours=settings.IOP_KEPT_FORM_HOURS)
    return timezone.now() + dt.timedelta(days=settings.IOP_DRAFT_DAYS)


def drafts_prune() -> int:
    """Remove expired drafts (called on every write: an index on the expiry keeps it cheap)."""
    return Draft.objects.filter(expires_at__lt=timezone.now()).delete()[0]


@transaction.atomic
def draft_save(*, user: User, path: str, fields: dict[str, list[str]]) -> Draft:
    """Autosave: keep the user's latest text for the form at ``path``."""
    clean, refused = split_private(fields)
    if refused:
        raise ValidationError(PRIVATE_TEXT_MESSAGE)
    drafts_prune()
    draft, _ = Draft.objects.update_or_create(
        user=user,
        path=path,
        defaults={
            "kind": Draft.Kind.AUTOSAVE,
            "fields": clean,
            "updated_at": timezone.now(),
            "expires_at": _expiry(Draft.Kind.AUTOSAVE),
        },
    )
    return draft


@transaction.atomic
def form_keep(
    *, user: User | None, stash_key: str, path: str, fields: dict[str, list[str]]
) -> tuple[Draft | None, list[str]]:
    """Keep a form POST that could not be handled (expired session, failed CSRF check).
    Returns the draft (None when nothing could be kept) and the names of refused fields."""
    clean, refused = split_private(fields)
    if not clean:
        return None, refused
    drafts_prune()
    owner = {"user": user} if user is not None else {"user": None, "stash_key": stash_key}
    draft, _ = Draft.objects.update_or_create(
        **owner,
        path=path,
        defaults={
            "kind": Draft.Kind.KEPT,
            "fields": clean,
            "updated_at": timezone.now(),
            "expires_at": _expiry(Draft.Kind.KEPT),
        },
    )
    return draft, refused


@transaction.atomic
def kept_forms_claim(*, user: User, stash_key: str) -> None:
    """After a sign-in: what this browser kept while signed out becomes the user's."""
    for draft in Draft.objects.select_for_update().filter(
        user=None, stash_key=stash_key, expires_at__gte=timezone.now()
    ):
        Draft.objects.filter(user=user, path=draft.path).delete()
        draft.user = user
        draft.stash_key = ""
        draft.save(update_fields=["user", "stash_key"])


def draft_discard(*, user: User, path: str) -> int:
    """The user's draft of the form at ``path`` is no longer wanted (or was saved)."""
    return Draft.objects.filter(user=user, path=path).delete()[0]
