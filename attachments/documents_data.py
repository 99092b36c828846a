"""The attachments a board document names as its basis (underlag), as plain data.

``documents`` calls it (it sits above this app). The rows carry the attachment's id: an
issued document that names an attachment keeps it (``documents.keepers``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict

from . import registry
from .models import Attachment


class AttachmentRow(TypedDict):
    id: int
    kind: str
    year: int
    organisation: str
    name: str
    sha256: str


def attachment_rows(agreement_id: int, years: Iterable[int]) -> list[AttachmentRow]:
    """The agreement's active attachments of the given years, in a stable order."""
    attachments = Attachment.objects.active().filter(
        agreement_id=agreement_id, year__in=list(years)
    )
    hidden = registry.private_to_others(None)
    if hidden is not None:
        attachments = attachments.exclude(hidden)
    attachments = attachments.select_related("organisation").order_by(
        "year", "organisation__name", "kind", "pk"
    )
    return [
        AttachmentRow(
            id=a.pk,
            kind=a.get_kind_display(),
            year=a.year,
            organisation=a.organisation.name,
            name=a.name,
            sha256=a.sha256,
        )
        for a in attachments
    ]


def named_attachment_ids(snapshot: dict) -> set[int]:
    """The ids of the attachments a document's snapshot names."""
    return {row["id"] for row in snapshot.get("attachments") or [] if isinstance(row, dict)}
