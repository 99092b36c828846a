"""The package's own JSON description of the agreement (``metadata/descriptive/
agreement.json``): the agreement with its texts, parties, renewal chain, amendments,
follow-ups, documents and attachments. The case metadata for the e-archive is the ERMS file
beside it (``archive.erms``)."""

from __future__ import annotations

import datetime as dt

from partnerships.models import Agreement, Party

from .erms import CaseContent


def iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def amendment_summary(amendment) -> dict:
    return {
        "title": amendment.title,
        "decided_on": amendment.decided_on.isoformat(),
        "registry_number": amendment.registry_number,
        "paragraph": getattr(amendment, "paragraph", ""),
        "board": amendment.board.name if getattr(amendment, "board", None) else "",
        "description": getattr(amendment, "description", ""),
        "new_period_end": amendment.new_period_end.isoformat()
        if getattr(amendment, "new_period_end", None)
        else None,
    }


def descriptive(agreement: Agreement, content: CaseContent) -> dict:
    """The package's own JSON description (what ERMS has no place for: the texts)."""
    termination = getattr(agreement, "termination", None)
    decision = getattr(agreement, "renewal_decision", None)
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
            for a in content.chain
        ],
        "amendments": [amendment_summary(a) for a in content.amendments],
        "followups": [
            {
                "period_start": r.period_start.isoformat(),
                "period_end": r.period_end.isoformat(),
                "due_date": r.due_date.isoformat(),
                "status": r.status,
                "assessment": getattr(getattr(r, "assessment", None), "overall_result", "") or "",
            }
            for r in sorted(content.rounds, key=lambda r: (r.period_start, r.pk))
        ],
        "documents": [
            {
                "file": path,
                "kind": d.kind,
                "title": d.title,
                "version": d.version,
                "issued_at": iso(d.issued_at),
                "sha256": d.sha256,
                "data_sha256": d.data_sha256,
            }
            for d, path in content.documents
        ],
        "attachments": [
            {
                "file": path,
                "kind": a.kind,
                "year": a.year,
                "organisation": a.organisation.name,
                "name": a.name,
                "content_type": a.content_type,
                "uploaded_at": iso(a.uploaded_at),
                "sha256": a.sha256,
            }
            for a, path in content.attachments
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
