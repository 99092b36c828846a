"""The files of an agreement's archive package (all but METS.xml): the case metadata (CITS
ERMS), the descriptive JSON, the readable change history, every issued document, every
attachment and the schemas; times from the data."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass

from django.utils import timezone

from attachments.models import Attachment
from attachments.services import attachment_bytes
from documents.models import IssuedDocument
from followups.models import FollowUpRound
from partnerships.history import agreement_history
from partnerships.models import Agreement, Sector
from partnerships.selectors import agreement_chain

from ..descriptive import descriptive
from ..erms import ERMS_PATH, CaseContent, amendments_of, erms_xml
from ..validation import SCHEMA_FILES, SCHEMAS

CLOSED = {"ended", "terminated"}
SOFTWARE = ("IOP-registret", "1.0")


@dataclass(frozen=True)
class PackageFile:
    path: str  # inside the package root
    content: bytes
    mimetype: str
    created: dt.datetime
    group: str  # "Documentation", "Schemas", "Representations/rep1/Data", "Metadata"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def xml_id(self) -> str:
        return "ID-" + hashlib.sha256(self.path.encode()).hexdigest()[:20]


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(microsecond=0)


def _iso(value: dt.datetime) -> str:
    return _utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "dokument"


def package_id(agreement: Agreement) -> str:
    public = next((p for p in agreement.parties.all() if p.role == Sector.PUBLIC), None)
    digits = re.sub(r"\D", "", (public.organisation.organisation_number or "") if public else "")
    return f"iop-{digits or 'okand'}-{agreement.pk}"


def _load(agreement_pk: int) -> Agreement:
    return (
        Agreement.objects.select_related(
            "board__organisation", "termination__given_by", "renewal_decision"
        )
        .prefetch_related(
            "goals",
            "parties__organisation",
            "parties__responsibilities",
            "parties__signatories",
        )
        .with_status()
        .get(pk=agreement_pk)
    )


def _documents(agreement: Agreement) -> list[IssuedDocument]:
    return list(
        IssuedDocument.objects.filter(agreement=agreement).order_by(
            "issued_at", "kind", "version", "pk"
        )
    )


def _history_text(agreement: Agreement) -> str:
    lines = [f"Ändringshistorik: {agreement.title}", ""]
    for entry in sorted(
        agreement_history(agreement, limit=100_000), key=lambda e: (e.when, e.what)
    ):
        when = timezone.localtime(entry.when).strftime("%Y-%m-%d %H:%M")
        lines.append(f"{when}  {entry.who}  {entry.action} {entry.what}")
        for name, old, new in entry.changes:
            lines.append(f"    {name}: {old} -> {new}")
    return "\n".join(lines) + "\n"


def _attachments(agreement: Agreement) -> list[Attachment]:
    return list(
        Attachment.objects.active()
        .filter(agreement=agreement)
        .select_related("organisation")
        .order_by("year", "kind", "uploaded_at", "pk")
    )


def _content(agreement: Agreement) -> CaseContent:
    documents = _documents(agreement)
    attachments = _attachments(agreement)
    return CaseContent(
        documents=[
            (d, f"representations/rep1/data/{n:02d}-{_safe(d.filename)}")
            for n, d in enumerate(documents, start=1)
        ],
        attachments=[
            (a, f"representations/rep1/data/bilagor/{n:02d}-{_safe(a.name)}")
            for n, a in enumerate(attachments, start=1)
        ],
        rounds=list(FollowUpRound.objects.filter(agreement=agreement).select_related("assessment")),
        amendments=amendments_of(agreement),
        chain=agreement_chain(agreement),
    )


def package_files(agreement: Agreement) -> tuple[list[PackageFile], dt.datetime]:
    """Every file of the package but METS.xml, and the package time (from the data)."""
    agreement = _load(agreement.pk)
    content = _content(agreement)
    history = _history_text(agreement)
    times = [
        agreement.updated_at,
        *(d.issued_at for d, _ in content.documents),
        *(a.uploaded_at for a, _ in content.attachments),
    ]
    created = _utc(max(times))
    erms = erms_xml(
        agreement, content, package_id=package_id(agreement), created=created, software=SOFTWARE
    )
    description = json.dumps(descriptive(agreement, content), ensure_ascii=False, indent=2,
                             sort_keys=True)  # fmt: skip
    files = [
        PackageFile(
            "metadata/descriptive/agreement.json",
            description.encode() + b"\n",
            "application/json",
            created,
            "Metadata",
        ),
        PackageFile(ERMS_PATH, erms, "application/xml", created, "Metadata"),
        PackageFile(
            "documentation/change-history.txt",
            history.encode(),
            "text/plain",
            created,
            "Documentation",
        ),
    ]
    data = [
        *(
            (path, bytes(d.content), "application/pdf", d.issued_at)
            for d, path in content.documents
        ),
        *(
            (path, attachment_bytes(a), a.content_type, a.uploaded_at)
            for a, path in content.attachments
        ),
    ]
    files += [
        PackageFile(path, body, kind, _utc(when), "Representations/rep1/Data")
        for path, body, kind, when in data
    ]
    files += [
        PackageFile(
            f"schemas/{name}", (SCHEMAS / name).read_bytes(), "application/xml", created, "Schemas"
        )
        for name in SCHEMA_FILES
    ]
    return files, created
