"""Reads of drafts: only ever the asking user's own (anyone else's is simply not there)."""

from django.utils import timezone

from partnerships.models import User

from .models import Draft


def draft_for_user(user: User, path: str) -> Draft | None:
    return Draft.objects.filter(user=user, path=path, expires_at__gte=timezone.now()).first()


def draft_paths_for_user(user: User) -> list[str]:
    return list(
        Draft.objects.filter(user=user, expires_at__gte=timezone.now()).values_list(
            "path", flat=True
        )
    )
