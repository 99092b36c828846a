"""Issuing a board document: one service function, ``document_issue``, for every kind.

The steps, in one transaction (the row exists only with complete, checked bytes):

1. take the next version number (the agreement row is locked on PostgreSQL; the unique
   constraint backs it up everywhere) and stamp it with the issue date into the snapshot;
2. refuse what must not go out (``issue_problems``): a template placeholder left in the
   text, a missing registry number where the public body requires one, a follow-up report
   of a round where nothing was submitted;
3. take the checksum of the data (``data_checksum``): it is printed on the last page and
   kept with the row, so the printed document and its data can be checked against each
   other later;
4. render the PDF, then ``finalise_pdf``: **the bytes are final after this call**. A
   signature or seal (PAdES) belongs there; nothing may change the bytes afterwards;
5. take the checksum of the final bytes and save. Every download checks both checksums
   (``IssuedDocument.verify``); a mismatch is never served.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from partnerships.formatting import format_date
from partnerships.models import Agreement, Organisation, Sector, User

from . import kinds
from .models import DocumentKind, IssuedDocument, PublicBodySettings, data_checksum

logger = logging.getLogger(__name__)

#: What the app writes into prefilled texts for the author to replace, e.g.
#: "[Skriv förvaltningens bedömning av uppföljningen.]".
PLACEHOLDER = re.compile(
    r"\[(?:Skriv|Ange|Fyll i|Beskriv|Lägg till|Komplettera)\b[^\[\]]{0,300}\]", re.IGNORECASE
)

#: The kinds that carry the agreement's (or the memo's) registry number.
KINDS_WITH_REGISTRY_NUMBER = frozenset(
    {
        DocumentKind.AGREEMENT,
        DocumentKind.MEMO_NEW,
        DocumentKind.MEMO_RENEWAL,
        DocumentKind.FOLLOWUP_REPORT,
    }
)


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def placeholders_in(snapshot: dict[str, Any]) -> list[str]:
    """The template placeholders left anywhere in the snapshot's text, in order, once."""
    found: list[str] = []
    for text in _strings(snapshot):
        for match in PLACEHOLDER.findall(text):
            if match not in found:
                found.append(match)
    return found


def issue_problems(snapshot: dict[str, Any], *, registry_number_required: bool) -> list[str]:
    """Why the document described by ``snapshot`` must not be issued (Swedish), or []."""
    problems = []
    placeholders = placeholders_in(snapshot)
    if placeholders:
        problems.append(
            "Dokumentet innehåller text som ska ersättas innan det utfärdas: "
            + ", ".join(f"”{p}”" for p in placeholders)
            + "."
        )
    kind = snapshot["kind"]
    registry_number = kinds.document_meta(snapshot)["registry_number"].strip()
    if registry_number_required and kind in KINDS_WITH_REGISTRY_NUMBER and not registry_number:
        problems.append(
            "Diarienummer saknas. Ange överenskommelsens (eller tjänsteskrivelsens) "
            "diarienummer innan dokumentet utfärdas."
        )
    if kind == DocumentKind.FOLLOWUP_REPORT and not snapshot["report"]["submitted"]:
        problems.append(
            "Uppföljningsrapporten kan inte utfärdas: ingen part har lämnat in något för omgången."
        )
    return problems


def registry_number_required(organisation: Organisation) -> bool:
    """Whether the public body wants a registry number on its documents (yes by default)."""
    settings = PublicBodySettings.objects.filter(organisation=organisation).first()
    return True if settings is None else settings.require_registry_number


def plain(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The snapshot as the database will give it back (a JSON round trip)."""
    return json.loads(json.dumps(snapshot, cls=DjangoJSONEncoder))


def finalise_pdf(pdf: bytes) -> bytes:
    """The last step that may change the bytes of an issued document.

    Today the rendered PDF is final as it is. An electronic seal (PAdES) is applied here:
    the checksum is taken from what this function returns."""
    return pdf


def _issuing_organisation(user: User, agreement: Agreement | None) -> Organisation:
    if user.organisation is not None and user.organisation.sector == Sector.PUBLIC:
        return user.organisation
    if agreement is not None:
        if agreement.board is not None:
            return agreement.board.organisation
        for party in agreement.parties.select_related("organisation"):
            if party.role == Sector.PUBLIC:
                return party.organisation
    raise ValidationError("Ingen offentlig part kan stå som utfärdare av dokumentet.")


def _next_version(
    kind: str, agreement: Agreement | None, organisation: Organisation, subject_key: str
) -> int:
    if agreement is not None:
        # Serialise concurrent issues of the same agreement (no-op on SQLite, which
        # serialises writers anyway).
        Agreement.objects.select_for_update().filter(pk=agreement.pk).first()
        siblings = IssuedDocument.objects.filter(agreement=agreement)
    else:
        siblings = IssuedDocument.objects.filter(agreement__isnull=True, organisation=organisation)
    last = siblings.filter(kind=kind, subject_key=subject_key).aggregate(v=Max("version"))["v"]
    return (last or 0) + 1


def _stamped(snapshot: dict[str, Any], version: int, issued_at: dt.datetime) -> dict[str, Any]:
    block = snapshot["document"]
    date = (
        block["date"]
        if block.get("fixed_date")
        else format_date(timezone.localtime(issued_at).date())
    )
    stamped = plain(
        {**snapshot, "document": {**block, "version": version, "draft": False, "date": date}}
    )
    stamped["document"]["data_sha256"] = data_checksum(stamped)
    return stamped


@transaction.atomic
def document_issue(
    *,
    user: User,
    kind: DocumentKind,
    snapshot: dict[str, Any],
    agreement: Agreement | None,
    subject_key: str = "",
    issued_at: dt.datetime | None = None,
    organisation: Organisation | None = None,
) -> IssuedDocument:
    """Freeze ``snapshot`` as the next version of (kind, agreement, subject_key).

    Raises ``ValidationError`` (Swedish) when the document must not go out."""
    organisation = organisation or _issuing_organisation(user, agreement)
    issued_at = issued_at or timezone.now()
    version = _next_version(kind, agreement, organisation, subject_key)
    snapshot = _stamped(snapshot, version, issued_at)
    problems = issue_problems(
        snapshot, registry_number_required=registry_number_required(organisation)
    )
    if problems:
        raise ValidationError(problems)
    pdf = finalise_pdf(kinds.render_snapshot(snapshot))
    # From here on the bytes are final: the checksum below is the document's.
    meta = kinds.document_meta(snapshot)
    document = IssuedDocument(
        kind=kind,
        agreement=agreement,
        organisation=organisation,
        subject_key=subject_key,
        version=version,
        title=meta["title"][:300],
        filename=meta["filename"][:200],
        content=pdf,
        size=len(pdf),
        sha256=IssuedDocument.checksum(pdf),
        data_sha256=snapshot["document"]["data_sha256"],
        snapshot=snapshot,
        issued_by=user,
        issued_at=issued_at,
    )
    document.full_clean()
    document.save()
    logger.info(
        "Issued %s version %s (document %s, sha256 %s)", kind, version, document.pk, document.sha256
    )
    return document
