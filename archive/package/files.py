"""The files of an agreement's archive package (all but METS.xml): the descriptive JSON,
the readable change history, every issued document and the schemas; times from the data."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass

from django.utils import timezone

from documents.models import IssuedDocument
from followups.models import FollowUpRound
from partnerships.history import agreement_history
from partnerships.models import Agreement, Party, Sector
from partnerships.selectors import agreement_chain

from ..validation import SCHEMA_FILES, SCHEMAS

CLOSED = {"ended", "terminated"}


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


def _descriptive(agreement: Agreement, documents, files_by_doc) -> dict:
    termination = getattr(agreement, "termination", None)
    decision = getattr(agreement, "renewal_decision", None)
    rounds = FollowUpRound.objects.filter(agreement=agreement).select_related("assessment")
    return {
        "schema": "iop-registret/arkiv-overenskommelse/1.0",
        "agreement": {
            "id": agreement.pk,
            "title": agreement.title,
            "registry_number": agreement.registry_number,
            "status": agreement.status.value,
            "approved": agreement.approved,
            "period_start": agreement.period_start.isoformat(),
            "period_end": agreement.period_end.isoformat(),
            "effective_end": agreement.effective_end.isoformat(),
            "notice_period_months": agreement.notice_period_months,
            "board": agreement.board.name if agreement.board else "",
            "administration": agreement.board.administration_name if agreement.board else "",
            "texts": {name: getattr(agreement, name) for name in Agreement.TEXT_SECTIONS},
            "goals": [goal.text for goal in agreement.goals.all()],
            "parties": [_party(p) for p in agreement.parties.all()],
            "termination": {
                "notice_date": termination.notice_date.isoformat(),
                "given_by": termination.given_by.name,
                "end_date": termination.end_date.isoformat(),
                "reason": termination.reason,
            }
            if termination
            else None,
            "renewal_decision": {
                "outcome": decision.outcome,
                "decided_on": decision.decided_on.isoformat(),
                "paragraph": decision.paragraph,
            }
            if decision
            else None,
        },
        "renewal_chain": [
            {
                "id": a.pk,
                "title": a.title,
                "registry_number": a.registry_number,
                "period_start": a.period_start.isoformat(),
                "period_end": a.period_end.isoformat(),
                "this_agreement": a.pk == agreement.pk,
            }
            for a in agreement_chain(agreement)
        ],
        # The register records changes as new versions of the agreement (and the renewal
        # chain); it has no separate amendment records.
        "amendments": [],
        "followups": [
            {
                "period_start": r.period_start.isoformat(),
                "period_end": r.period_end.isoformat(),
                "due_date": r.due_date.isoformat(),
                "status": r.status,
                "assessment": getattr(getattr(r, "assessment", None), "overall_result", "") or "",
            }
            for r in rounds.order_by("period_start", "pk")
        ],
        "documents": [
            {
                "file": files_by_doc[d.pk],
                "kind": d.kind,
                "title": d.title,
                "version": d.version,
                "issued_at": _iso(d.issued_at),
                "sha256": d.sha256,
                "data_sha256": d.data_sha256,
            }
            for d in documents
        ],
    }


def _party(party: Party) -> dict:
    return {
        "name": party.organisation.name,
        "organisation_number": party.organisation.organisation_number,
        "role": party.role,
        "responsibilities": [r.text for r in party.responsibilities.all()],
        "signatories": [
            {
                "name": s.name,
                "title": s.title,
                "place": s.place,
                "signed_on": s.signed_on.isoformat() if s.signed_on else None,
            }
            for s in party.signatories.all()
        ],
    }


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


def package_files(agreement: Agreement) -> tuple[list[PackageFile], dt.datetime]:
    """Every file of the package but METS.xml, and the package time (from the data)."""
    agreement = _load(agreement.pk)
    documents = _documents(agreement)
    history = _history_text(agreement)
    times = [agreement.updated_at, *(d.issued_at for d in documents)]
    created = _utc(max(times))
    files_by_doc = {
        d.pk: f"representations/rep1/data/{n:02d}-{_safe(d.filename)}"
        for n, d in enumerate(documents, start=1)
    }
    descriptive = _descriptive(agreement, documents, files_by_doc)
    files = [
        PackageFile(
            "metadata/descriptive/agreement.json",
            json.dumps(descriptive, ensure_ascii=False, indent=2, sort_keys=True).encode() + b"\n",
            "application/json",
            created,
            "Metadata",
        ),
        PackageFile(
            "documentation/change-history.txt",
            history.encode(),
            "text/plain",
            created,
            "Documentation",
        ),
    ]
    files += [
        PackageFile(
            files_by_doc[d.pk],
            bytes(d.content),
            "application/pdf",
            _utc(d.issued_at),
            "Representations/rep1/Data",
        )
        for d in documents
    ]
    files += [
        PackageFile(
            f"schemas/{name}", (SCHEMAS / name).read_bytes(), "application/xml", created, "Schemas"
        )
        for name in SCHEMA_FILES
    ]
    return files, created
