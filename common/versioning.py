"""Optimistic locking for models with a ``version`` field, the same in every app: the edit
form carries the version it was read at; the save moves the stored version on by one only
if nobody else did first (one conditional UPDATE)."""

from django import forms
from django.db import IntegrityError, transaction
from django.db.models import F, Model

from .errors import ConcurrentEditError

MISSING_VERSION_MESSAGE = (
    "Formuläret saknar uppgift om vilken version du ändrade. Ladda om sidan och gör ändringen igen."
)


def version_field() -> forms.IntegerField:
    """The hidden version of an edit form. Required: a POST without it is refused (400),
    never taken as "no check". 0 means "nothing saved yet"."""
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": MISSING_VERSION_MESSAGE, "invalid": MISSING_VERSION_MESSAGE},
    )


def bump_version(instance: Model, expected: int) -> None:
    """Move the stored row from ``expected`` to ``expected + 1`` or raise
    ``ConcurrentEditError``; ``instance.version`` follows. Call inside the transaction that
    saves the instance, before saving it."""
    bumped = (
        type(instance)
        ._default_manager.filter(pk=instance.pk, version=expected)
        .update(version=F("version") + 1)
    )
    if not bumped:
        raise ConcurrentEditError
    instance.version = expected + 1


def save_versioned(instance: Model, expected_version: int) -> None:
    """Save ``instance`` (already cleaned) if its stored version is still ``expected_version``,
    the version the user read (the edit form's required hidden field). There is no "no
    check": ``None`` is a programming error.

    A new row (no pk) has no version to compare: it is inserted (a service that creates or
    updates "the row of this key" checks first that the form read 0, "nothing saved yet",
    when there is none, and that it did not read 0 when there is one). Two creates of the same
    row at once (the budget of one party and year, twice) are refused by the row's unique
    constraint: ``full_clean`` has already checked it, so a database refusal of the insert
    means somebody else created it meanwhile, and is a ``ConcurrentEditError`` too (inside
    a savepoint, so the caller's transaction is undone cleanly by the atomic service)."""
    if expected_version is None:
        raise TypeError("save_versioned needs the version the user read, never None")
    if instance.pk is None:
        try:
            with transaction.atomic():
                instance.save()
        except IntegrityError as exc:
            raise ConcurrentEditError from exc
        return
    bump_version(instance, expected_version)
    instance.save()
