"""Optimistic locking for models with a ``version`` field, the same in every app."""

from django.db.models import F, Model

from .errors import ConcurrentEditError


def save_versioned(instance: Model, expected_version: int | None) -> None:
    """Save ``instance`` (already cleaned) if its stored version is still ``expected``."""
    if instance.pk is None:
        instance.save()
        return
    if expected_version is None:
        expected_version = instance.version
    bumped = (
        type(instance)
        .objects.filter(pk=instance.pk, version=expected_version)
        .update(version=F("version") + 1)
    )
    if not bumped:
        raise ConcurrentEditError
    instance.version = expected_version + 1
    instance.save()
