"""Writes of the publication settings."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from common.permissions import require
from common.versioning import MISSING_VERSION_MESSAGE, save_versioned
from partnerships.models import Sector, User

from .models import Publication
from .permissions import can_manage_publication


@transaction.atomic
def publication_save(*, user: User, publication: Publication, expected_version: int) -> Publication:
    """Save a body's publication settings; ConcurrentEditError when somebody saved first."""
    require(can_manage_publication(user))
    if publication.organisation.sector != Sector.PUBLIC:
        raise ValidationError("Bara en offentlig organisation kan publicera en IOP-lista.")
    if user.organisation_id != publication.organisation_id:
        raise ValidationError("Du kan bara ändra din egen organisations publicering.")
    if expected_version is None:  # the form's version is optional only for the first save
        if publication.pk is not None:
            raise ValidationError(MISSING_VERSION_MESSAGE)
        expected_version = 0
    publication.full_clean()
    save_versioned(publication, expected_version)
    return publication
