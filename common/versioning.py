"""Optimistic locking for models with a ``version`` field, the same in every app: the edit
form carries the version it was read at; the save moves the stored version on by one only
if nobody else did first (one conditional UPDATE)."""

from django import forms
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


def save_versioned(instance: Model, expected_version: int | None) -> None:
    """Save ``instance`` (already cleaned) if its stored version is still ``expected``."""
    if instance.pk is None:
        instance.save()
        return
    if expected_version is None:
        expected_version = instance.version
    bump_version(instance, expected_version)
    instance.save()
