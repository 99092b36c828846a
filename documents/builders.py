"""Each document kind in two steps: ids -> snapshot (plain JSON data) -> PDF bytes.

- ``*_snapshot(id)`` reads the database once and returns everything the document prints,
  as JSON-safe data (ints for kronor, ISO strings for dates). The snapshot is stored with
  the issued document, so the record keeps exactly the data it printed.
- ``render_snapshot(snapshot)`` turns a snapshot into PDF bytes without touching the
  database. Preview and issue use the same path, so what is previewed is what is issued.
- ``agreement_pdf(id)`` / ``memo_pdf(id)`` / ``followup_report_pdf(round id)`` /
  ``annual_report_pdf(board id, year)`` take ids and return bytes. The annual report is
  rendered by a background task (``documents.tasks``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify

from finance import documents_data as finance_data
from followups import documents_data as followup_data
from followups.models import FollowUpRound
from partnerships.formatting import format_date
from partnerships.models import Agreement, Board, Party, Responsibility, Sector, Signatory
from partnerships.rules import STATUS_LABELS

from . import annual, texts
from .models import DocumentKind, Memo
from .rendering import render_pdf

SNAPSHOT_SCHEMA = 1

#: Headings of the agreement, in the order of seeds/003.
AGREEMENT_HEADINGS = {
    "background": "Bakgrund till överenskommelsen",
    "starting_points": "Överenskommelsens utgångspunkter",
    "shared_values": "Värdegrund",
    "actors": "Aktörer i överenskommelsen",
    "challenge_and_purpose": "Överenskommelsens gemensamma samhällsutmaning och syfte",
    "goals_introduction": "Målsättning",
    "target_group": "Målgrupp",
    "joint_responsibilities": "Gemensamt ansvar",
    "follow_up_terms": "Avstämning och uppföljning",
    "repayment_clause": "Återbetalning",
    "changes_clause": "Förändringar",
}


def _iso(value: dt.date | None) -> str:
    return format_date(value) if value else ""


def _today() -> str:
    return format_date(timezone.localdate())


def _agreement_queryset():
    return Agreement.objects.select_related("board__organisation").prefetch_related(
        "goals",
        Prefetch(
            "parties",
            queryset=Party.objects.select_related("organisation").prefetch_related(
                Prefetch("responsibilities", queryset=Responsibility.objects.all()),
                Prefetch("signatories", queryset=Signatory.objects.all()),
            ),
        ),
    )


def _board(agreement: Agreement) -> dict[str, str] | None:
    if agreement.board is None:
        return None
    return {
        "name": agreement.board.name,
        "administration_name": agreement.board.administration_name,
        "organisation": agreement.board.organisation.name,
        "organisation_number": agreement.board.organisation.organisation_number or "",
    }


def _municipality_name(agreement: Agreement) -> str:
    if agreement.board is not None:
        return agreement.board.organisation.name
    for party in agreement.parties.all():
        if party.role == Sector.PUBLIC:
            return party.organisation.name
    return ""


def _parties(agreement: Agreement) -> list[dict[str, Any]]:
    parties = sorted(
        agreement.parties.all(),
        key=lambda p: (p.role != Sector.PUBLIC, p.organisation.name, p.pk),
    )
    return [
        {
            "name": party.organisation.name,
            "organisation_number": party.organisation.organisation_number or "",
            "role": party.role,
            "role_label": party.get_role_display(),
            "responsibilities": [r.text for r in party.responsibilities.all()],
            "signatories": [
                {
                    "name": s.name,
                    "title": s.title,
                    "place": s.place,
                    "signed_on": _iso(s.signed_on),
                }
                for s in party.signatories.all()
            ],
        }
        for party in parties
    ]


def _document_block(date: str | None, *, fixed_date: bool = False) -> dict[str, Any]:
    """``fixed_date``: the date is the author's (a memo's date) and issuing keeps it;
    otherwise issuing stamps the issue date."""
    return {"date": date or _today(), "version": None, "draft": True, "fixed_date": fixed_date}


# --- the agreement (seeds/003) -------------------------------------------------------------


def agreement_snapshot_from(agreement: Agreement, *, date: str | None = None) -> dict[str, Any]:
    """The snapshot of an agreement already loaded with ``_agreement_queryset``."""
    sections = {
        name: {"heading": AGREEMENT_HEADINGS[name], "text": getattr(agreement, name) or ""}
        for name in Agreement.TEXT_SECTIONS
    }
    parties = _parties(agreement)
    return {
        "schema": SNAPSHOT_SCHEMA,
        "kind": DocumentKind.AGREEMENT.value,
        "document": _document_block(date),
        "municipality": _municipality_name(agreement),
        "board": _board(agreement),
        "agreement": {
            "id": agreement.pk,
            "title": agreement.title,
            "registry_number": agreement.registry_number,
            "period_start": _iso(agreement.period_start),
            "period_end": _iso(agreement.period_end),
            "notice_period_months": agreement.notice_period_months,
            "min_followups_per_year": agreement.min_followups_per_year,
            "sections": sections,
            "goals": [goal.text for goal in agreement.goals.all()],
        },
        "parties": parties,
        "texts": {
            "period": texts.period_text(agreement.period_start, agreement.period_end),
            "notice": texts.notice_text(agreement.notice_period_months),
            "followup": texts.followup_text(agreement.min_followups_per_year),
        },
        "economy": finance_data.agreement_economy(agreement),
    }


def agreement_snapshot(agreement_id: int, *, date: str | None = None) -> dict[str, Any]:
    agreement = _agreement_queryset().get(pk=agreement_id)
    return agreement_snapshot_from(agreement, date=date)


def _agreement_meta(snapshot: dict[str, Any]) -> dict[str, str]:
    agreement = snapshot["agreement"]
    author = snapshot["board"]["name"] if snapshot["board"] else snapshot["municipality"]
    if snapshot["board"] and snapshot["municipality"]:
        author = f"{author}, {snapshot['municipality']}"
    return {
        "title": f"Överenskommelse om idéburet offentligt partnerskap: {agreement['title']}",
        "author": author or "IOP-registret",
        "subject": (
            f"Överenskommelse {agreement['period_start']} – {agreement['period_end']}"
            + (f", dnr {agreement['registry_number']}" if agreement["registry_number"] else "")
        ),
        "kind_label": DocumentKind.AGREEMENT.label,
        "registry_number": agreement["registry_number"],
        "filename_stem": f"overenskommelse-{agreement['registry_number'] or agreement['id']}",
    }


# --- the memos (seeds/002 new, seeds/004 renewal) --------------------------------------------


def memo_snapshot_from(memo: Memo, *, date: str | None = None) -> dict[str, Any]:
    agreement = memo.agreement
    return {
        "schema": SNAPSHOT_SCHEMA,
        "kind": memo.document_kind,
        "document": _document_block(date or _iso(memo.memo_date), fixed_date=True),
        "municipality": _municipality_name(agreement),
        "board": _board(agreement),
        "agreement": {
            "id": agreement.pk,
            "title": agreement.title,
            "registry_number": agreement.registry_number,
            "period_start": _iso(agreement.period_start),
            "period_end": _iso(agreement.period_end),
        },
        "memo": {
            "id": memo.pk,
            "kind": memo.kind,
            "title": memo.title,
            "registry_number": memo.registry_number,
            "memo_date": _iso(memo.memo_date),
            "proposals": memo.proposal_lines,
            "matter": memo.matter,
            "decision_basis": memo.decision_basis_lines,
            "sections": [
                {"name": name, "heading": heading, "text": getattr(memo, name) or ""}
                for name, heading in Memo.TEXT_SECTIONS
            ],
            "signing_official": memo.signing_official,
            "office": memo.office,
        },
        "mbl": {"heading": texts.MBL_HEADING, "statement": texts.MBL_STATEMENT},
        "economy": finance_data.memo_economy(agreement, memo.kind),
    }


def memo_snapshot(memo_id: int, *, date: str | None = None) -> dict[str, Any]:
    memo = Memo.objects.select_related("agreement__board__organisation").get(pk=memo_id)
    return memo_snapshot_from(memo, date=date)


def _memo_meta(snapshot: dict[str, Any]) -> dict[str, str]:
    memo = snapshot["memo"]
    label = DocumentKind(snapshot["kind"]).label
    author = ", ".join(x for x in (memo["signing_official"], memo["office"]) if x)
    registry = memo["registry_number"] or snapshot["agreement"]["registry_number"]
    return {
        "title": f"Tjänsteskrivelse: {memo['title']}",
        "author": author or snapshot["municipality"] or "IOP-registret",
        "subject": label + (f", dnr {registry}" if registry else ""),
        "kind_label": "Tjänsteskrivelse",
        "registry_number": registry,
        "filename_stem": "tjansteskrivelse-"
        + ("ny" if memo["kind"] == "new" else "forlangning")
        + f"-{registry or snapshot['agreement']['id']}",
    }


# --- the follow-up report (seeds/000, 001) ---------------------------------------------------


def followup_report_snapshot_from(
    round: FollowUpRound, *, date: str | None = None
) -> dict[str, Any]:
    agreement = round.agreement
    return {
        "schema": SNAPSHOT_SCHEMA,
        "kind": DocumentKind.FOLLOWUP_REPORT.value,
        "document": _document_block(date),
        "municipality": _municipality_name(agreement),
        "board": _board(agreement),
        "agreement": {
            "id": agreement.pk,
            "title": agreement.title,
            "registry_number": agreement.registry_number,
            "period_start": _iso(agreement.period_start),
            "period_end": _iso(agreement.period_end),
        },
        "texts": {"period": texts.period_text(agreement.period_start, agreement.period_end)},
        "report": followup_data.followup_report_data(round),
    }


def followup_report_snapshot(round_id: int, *, date: str | None = None) -> dict[str, Any]:
    round = FollowUpRound.objects.select_related("agreement__board__organisation").get(pk=round_id)
    return followup_report_snapshot_from(round, date=date)


def _followup_meta(snapshot: dict[str, Any]) -> dict[str, str]:
    agreement = snapshot["agreement"]
    report = snapshot["report"]
    author = snapshot["board"]["administration_name"] if snapshot["board"] else ""
    return {
        "title": f"Uppföljning av IOP: {agreement['title']}, {report['period_label']}",
        "author": author or snapshot["municipality"] or "IOP-registret",
        "subject": f"Uppföljningsrapport {report['period_start']} – {report['period_end']}"
        + (f", dnr {agreement['registry_number']}" if agreement["registry_number"] else ""),
        "kind_label": DocumentKind.FOLLOWUP_REPORT.label,
        "registry_number": agreement["registry_number"],
        "filename_stem": f"uppfoljningsrapport-{agreement['registry_number'] or agreement['id']}"
        f"-{report['period_start']}",
    }


def followup_report_pdf(round_id: int) -> bytes:
    """A preview of a round's follow-up report as PDF bytes, from its id."""
    return render_snapshot(followup_report_snapshot(round_id))


# --- the annual report to the board (seeds/004, point 4) ----------------------------------


def annual_report_agreements(board: Board, year: int) -> list[Agreement]:
    """The board's approved agreements that run some time in ``year``, oldest first."""
    return list(
        Agreement.objects.filter(
            board=board,
            approved=True,
            period_start__lte=dt.date(year, 12, 31),
            period_end__gte=dt.date(year, 1, 1),
        )
        .select_related("termination", "board__organisation")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organisation"))
        )
        .order_by("period_start", "title", "pk")
    )


def annual_report_snapshot(
    board_id: int, year: int, *, date: str | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """Everything the annual report prints: per agreement the period, parties, money paid
    in the year, follow-ups, the latest assessment, and what is due in the coming year."""
    board = Board.objects.select_related("organisation").get(pk=board_id)
    today = today or timezone.localdate()
    agreements = annual_report_agreements(board, year)
    ids = [a.pk for a in agreements]
    paid = finance_data.payments_by_agreement(ids, year)
    outlook_year = finance_data.compensation_outlook(agreements, year)
    outlook_next = finance_data.compensation_outlook(agreements, year + 1)
    followups = followup_data.followup_year_summary(agreements, year)
    successors = {
        s.predecessor_id: s
        for s in Agreement.objects.filter(predecessor_id__in=ids).only(
            "pk", "predecessor_id", "approved", "period_start", "period_end", "title"
        )
    }
    rows = []
    agreements.sort(key=lambda a: (annual.natural_key(a.title), a.period_start, a.pk))
    for agreement in agreements:
        successor = successors.get(agreement.pk)
        parties = _parties_brief(agreement)
        paid_rows = paid.get(agreement.pk, {"rows": []})["rows"]
        paid_by_name = {row["name"]: row["amount"] for row in paid_rows}
        missing = list(
            dict.fromkeys(
                outlook_year[agreement.pk]["missing"] + outlook_next[agreement.pk]["missing"]
            )
        )
        rows.append(
            {
                "id": agreement.pk,
                "title": agreement.title,
                "registry_number": agreement.registry_number,
                "period_start": _iso(agreement.period_start),
                "period_end": _iso(agreement.period_end),
                "effective_end": _iso(agreement.effective_end),
                "status_label": STATUS_LABELS[agreement.status_on(today)],
                "last_notice_date": _iso(agreement.last_notice_date),
                "parties": parties,
                "paid": paid.get(agreement.pk, {"total": 0, "rows": []}),
                "compensation": [
                    {**row, "paid": paid_by_name.get(row["name"], 0)}
                    for row in outlook_year[agreement.pk]["rows"]
                ],
                "missing_index": missing,
                "decided": outlook_year[agreement.pk]["decided"],
                "unsettled": outlook_year[agreement.pk]["unsettled"],
                "followup": followups[agreement.pk],
                "successor": None
                if successor is None
                else {
                    "title": successor.title,
                    "approved": successor.approved,
                    "period_start": _iso(successor.period_start),
                    "period_end": _iso(successor.period_end),
                },
            }
        )
    return {
        "schema": SNAPSHOT_SCHEMA,
        "kind": DocumentKind.ANNUAL_REPORT.value,
        "document": _document_block(date),
        "municipality": board.organisation.name,
        "board": {
            "id": board.pk,
            "name": board.name,
            "administration_name": board.administration_name,
            "organisation": board.organisation.name,
            "organisation_number": board.organisation.organisation_number or "",
        },
        "year": year,
        "agreements": rows,
        "totals": {
            "agreements": len(rows),
            "paid": sum(r["paid"]["total"] for r in rows),
        },
        "coming": annual.coming_year_items(rows, year, today=today.isoformat()),
    }


def _parties_brief(agreement: Agreement) -> list[dict[str, str]]:
    parties = sorted(
        agreement.parties.all(), key=lambda p: (p.role != Sector.PUBLIC, p.organisation.name)
    )
    return [
        {
            "name": p.organisation.name,
            "organisation_number": p.organisation.organisation_number or "",
            "role": p.role,
        }
        for p in parties
    ]


def _annual_meta(snapshot: dict[str, Any]) -> dict[str, str]:
    board = snapshot["board"]
    return {
        "title": f"Årlig rapport om idéburna offentliga partnerskap {snapshot['year']}: "
        f"{board['name']}",
        "author": board["administration_name"] or snapshot["municipality"] or "IOP-registret",
        "subject": f"{DocumentKind.ANNUAL_REPORT.label} {snapshot['year']}, {board['name']}, "
        f"{snapshot['municipality']}",
        "kind_label": DocumentKind.ANNUAL_REPORT.label,
        "registry_number": "",
        "filename_stem": f"arsrapport-iop-{snapshot['year']}-{board['name']}",
    }


def annual_report_pdf(board_id: int, year: int) -> bytes:
    return render_snapshot(annual_report_snapshot(board_id, year))


# --- one entry point per kind ----------------------------------------------------------------

_TEMPLATES: dict[str, tuple[str, Callable[[dict[str, Any]], dict[str, str]]]] = {
    DocumentKind.AGREEMENT.value: ("documents/agreement.html", _agreement_meta),
    DocumentKind.MEMO_NEW.value: ("documents/memo.html", _memo_meta),
    DocumentKind.MEMO_RENEWAL.value: ("documents/memo.html", _memo_meta),
    DocumentKind.FOLLOWUP_REPORT.value: ("documents/followup_report.html", _followup_meta),
    DocumentKind.ANNUAL_REPORT.value: ("documents/annual_report.html", _annual_meta),
}


def document_meta(snapshot: dict[str, Any]) -> dict[str, str]:
    """Title, author, subject and file name of the document a snapshot describes."""
    _, meta = _TEMPLATES[snapshot["kind"]]
    result = meta(snapshot)
    version = snapshot["document"].get("version")
    stem = slugify(result["filename_stem"]) or "dokument"
    result["filename"] = f"{stem}-v{version}.pdf" if version else f"{stem}-utkast.pdf"
    return result


def render_snapshot(snapshot: dict[str, Any]) -> bytes:
    """PDF bytes from a snapshot. No database access: safe in a background worker."""
    template, _ = _TEMPLATES[snapshot["kind"]]
    meta = document_meta(snapshot)
    document = snapshot["document"]
    header = {
        "organisation": snapshot["municipality"],
        "board": snapshot["board"]["name"] if snapshot["board"] else "",
        "registry_number": meta["registry_number"],
        "date": document["date"],
        "version": document.get("version"),
        "kind_label": meta["kind_label"],
        "document_name": meta["kind_label"]
        + (" – UTKAST, ej utfärdad" if document.get("draft") else ""),
        "data_sha256": document.get("data_sha256", ""),
    }
    return render_pdf(
        template,
        {"s": snapshot, "header": header, "draft": document.get("draft", True)},
        title=meta["title"],
        author=meta["author"],
        subject=meta["subject"],
    )


def agreement_pdf(agreement_id: int) -> bytes:
    """A preview of the agreement as PDF bytes, from its id."""
    return render_snapshot(agreement_snapshot(agreement_id))


def memo_pdf(memo_id: int) -> bytes:
    """A preview of a memo as PDF bytes, from its id."""
    return render_snapshot(memo_snapshot(memo_id))
