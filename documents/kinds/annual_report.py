"""The annual report to the board (seeds/004, point 4): per agreement the period, parties,
money paid and decided, follow-ups and the latest assessment; and what is due next."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from finance import annual_report_data as finance_data
from finance import documents_data as finance_data_economic
from finance import shapes_documents as finance_shapes
from finance.amendment_documents import AmendmentItem, amendment_items_by_agreement
from followups import documents_data as followup_data
from partnerships.models import Agreement, Board, Party
from partnerships.rules import STATUS_LABELS

from .. import annual
from ..models import DocumentKind
from .base import DocumentBlock, Meta, Snapshot, iso, public_first


@dataclass
class AnnualBoard:
    id: int
    name: str
    administration_name: str
    organisation: str
    organisation_number: str


@dataclass
class PartyBrief:
    name: str
    organisation_number: str
    role: str


@dataclass
class SuccessorBrief:
    title: str
    approved: bool
    period_start: str
    period_end: str


@dataclass
class AgreementRow:
    id: int
    title: str
    registry_number: str
    period_start: str
    period_end: str
    effective_end: str
    status_label: str
    last_notice_date: str
    parties: list[PartyBrief]
    paid: dict[str, Any]  # {"total", "rows": [{"name", "amount"}]}
    compensation: list[dict[str, Any]]  # [{"name", "amount", "paid"}]
    missing_index: list[str]
    decided: list[dict[str, Any]]  # finance_data.compensation_outlook "decided"
    unsettled: list[dict[str, Any]]
    followup: dict[str, Any]  # followups.documents_data.followup_year_summary
    successor: SuccessorBrief | None
    # finance.documents_data.EconomicResultRow of the year (submitted reports only)
    economic: list[dict[str, Any]] = field(default_factory=list)
    # finance.shapes_documents.in_kind_by_agreement of the year: {"rows", "total"}
    in_kind: dict[str, Any] = field(default_factory=dict)
    # The amendments decided up to the end of the year, with what each changes.
    amendments: list[AmendmentItem] = field(default_factory=list)


@dataclass
class Totals:
    agreements: int
    paid: int


@dataclass
class AnnualReportSnapshot(Snapshot):
    year: int
    agreements: list[AgreementRow]
    totals: Totals
    coming: list[dict[str, str]]


def agreements_of(board: Board, year: int) -> list[Agreement]:
    """The board's approved agreements that run some time in ``year``, in natural order of
    their titles ("IOP 2" before "IOP 10"), then oldest first."""
    agreements = list(
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
    )
    return sorted(agreements, key=lambda a: (annual.natural_key(a.title), a.period_start, a.pk))


def _row(agreement, *, outlook, outlook_next, paid, followup, successor, today) -> AgreementRow:
    paid_entry = paid.get(agreement.pk, {"total": 0, "rows": []})
    paid_by_name = {row["name"]: row["amount"] for row in paid_entry["rows"]}
    return AgreementRow(
        id=agreement.pk,
        title=agreement.title,
        registry_number=agreement.registry_number,
        period_start=iso(agreement.period_start),
        period_end=iso(agreement.period_end),
        effective_end=iso(agreement.effective_end),
        status_label=STATUS_LABELS[agreement.status_on(today)],
        last_notice_date=iso(agreement.last_notice_date),
        parties=[
            PartyBrief(p.organisation.name, p.organisation.organisation_number or "", p.role)
            for p in public_first(agreement.parties.all())
        ],
        paid=paid_entry,
        compensation=[{**row, "paid": paid_by_name.get(row["name"], 0)} for row in outlook["rows"]],
        missing_index=list(dict.fromkeys(outlook["missing"] + outlook_next["missing"])),
        decided=outlook["decided"],
        unsettled=outlook["unsettled"],
        followup=followup,
        successor=None
        if successor is None
        else SuccessorBrief(
            successor.title,
            successor.approved,
            iso(successor.period_start),
            iso(successor.period_end),
        ),
    )


def snapshot(
    board_id: int, year: int, *, date: str | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """Everything the annual report prints; a fixed number of queries for any board."""
    board = Board.objects.select_related("organisation").get(pk=board_id)
    today = today or timezone.localdate()
    agreements = agreements_of(board, year)
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
    economic = finance_data_economic.economic_results(ids, [year])
    rows = [
        _row(
            agreement,
            outlook=outlook_year[agreement.pk],
            outlook_next=outlook_next[agreement.pk],
            paid=paid,
            followup=followups[agreement.pk],
            successor=successors.get(agreement.pk),
            today=today,
        )
        for agreement in agreements
    ]
    in_kind = finance_shapes.in_kind_by_agreement(ids, [year])
    amendments = amendment_items_by_agreement(ids, until=dt.date(year, 12, 31))
    for row in rows:
        row.economic = economic[row.id]
        row.in_kind = in_kind[row.id]
        row.amendments = amendments[row.id]
    result = AnnualReportSnapshot(
        kind=DocumentKind.ANNUAL_REPORT.value,
        document=DocumentBlock.draft_of(date),
        municipality=board.organisation.name,
        board=AnnualBoard(
            id=board.pk,
            name=board.name,
            administration_name=board.administration_name,
            organisation=board.organisation.name,
            organisation_number=board.organisation.organisation_number or "",
        ),
        year=year,
        agreements=rows,
        totals=Totals(agreements=len(rows), paid=sum(r.paid["total"] for r in rows)),
        coming=[],
    ).as_dict()
    result["coming"] = annual.coming_year_items(result["agreements"], year, today=today.isoformat())
    return result


def meta(s: dict[str, Any]) -> Meta:
    board = s["board"]
    return Meta(
        title=f"Årlig rapport om idéburna offentliga partnerskap {s['year']}: {board['name']}",
        author=board["administration_name"] or s["municipality"] or "IOP-registret",
        subject=f"{DocumentKind.ANNUAL_REPORT.label} {s['year']}, {board['name']}, "
        f"{s['municipality']}",
        kind_label=DocumentKind.ANNUAL_REPORT.label,
        registry_number="",
        filename_stem=f"arsrapport-iop-{s['year']}-{board['name']}",
    )
