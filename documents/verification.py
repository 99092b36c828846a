"""Is this file an unchanged issued document? Match by checksum, and check its seal."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import Max

from . import sealing
from .models import IssuedDocument


@dataclass(frozen=True)
class Verification:
    document: IssuedDocument | None
    latest_version: int | None
    signature: sealing.SignatureCheck

    @property
    def is_issued(self) -> bool:
        return self.document is not None

    @property
    def newer_exists(self) -> bool:
        return bool(
            self.document and self.latest_version and self.latest_version > self.document.version
        )


def verify_pdf(content: bytes) -> Verification:
    """Three queries at most, whatever the number of documents."""
    digest = hashlib.sha256(content).hexdigest()
    document = (
        IssuedDocument.objects.without_content()
        .select_related("organisation")
        .filter(sha256=digest)
        .first()
    )
    latest = None
    if document is not None:
        siblings = IssuedDocument.objects.filter(
            kind=document.kind,
            subject_key=document.subject_key,
            agreement_id=document.agreement_id,
            organisation_id=document.organisation_id,
        )
        latest = siblings.aggregate(v=Max("version"))["v"]
    return Verification(document, latest, sealing.check_signature(content))
