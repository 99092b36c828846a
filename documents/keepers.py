"""An attachment an issued document names as its basis is kept: deleting it is refused.

Registered with ``attachments.registry.register_keeper`` in ``DocumentsConfig.ready``."""

from __future__ import annotations

from attachments.documents_data import named_attachment_ids

from .models import IssuedDocument


def issued_document_keeps(attachment) -> str | None:
    """The Swedish reason the attachment must stay, or None. An agreement has a handful of
    issued documents: their snapshots are read here, not searched in the database (JSON
    containment is not portable to SQLite)."""
    if attachment.agreement_id is None:
        return None
    documents = (
        IssuedDocument.objects.filter(agreement_id=attachment.agreement_id)
        .only("title", "version", "snapshot")
        .order_by("issued_at", "pk")
    )
    for document in documents:
        if attachment.pk in named_attachment_ids(document.snapshot or {}):
            return (
                f"Bilagan {attachment.name} kan inte tas bort: den är underlag i det utfärdade "
                f"dokumentet ”{document.title}”, version {document.version}. Ett utfärdat "
                "dokument ändras aldrig, och det som det hänvisar till finns kvar."
            )
    return None
